import type { KeyContext, KeyGroup, KeyHandler } from './key-context.js';

/** Brings the tab at `index` to the front, counting round from either end. */
function focusIndex({ tabs, store }: KeyContext, index: number): void {
  const tab = tabs[(index + tabs.length) % tabs.length];
  if (tab) store.dispatch({ type: 'tab/focus', id: tab.id });
}

const activeIndex = ({ tabs, activeTabId }: KeyContext): number => tabs.findIndex((t) => t.id === activeTabId);

/** Alt-1 … Alt-0: tab 1 … 10, if there is one. */
const goTo = (tab: number): KeyHandler => (context) => {
  if (tab <= context.tabs.length) focusIndex(context, tab - 1);
};

export const tabKeys: KeyGroup<'tab'> = {
  'tab.next': (context) => focusIndex(context, activeIndex(context) + 1),
  'tab.previous': (context) => focusIndex(context, activeIndex(context) - 1),
  'tab.next-unread': (context) => {
    // The first tab after this one (wrapping round) with unread lines; nothing if none.
    const { tabs, store } = context;
    const at = activeIndex(context);
    const next = [...tabs.slice(at + 1), ...tabs.slice(0, at)].find((t) => t.unread > 0);
    if (next) store.dispatch({ type: 'tab/focus', id: next.id });
  },
  'tab.goto.1': goTo(1),
  'tab.goto.2': goTo(2),
  'tab.goto.3': goTo(3),
  'tab.goto.4': goTo(4),
  'tab.goto.5': goTo(5),
  'tab.goto.6': goTo(6),
  'tab.goto.7': goTo(7),
  'tab.goto.8': goTo(8),
  'tab.goto.9': goTo(9),
  'tab.goto.10': goTo(10),
};
