import { visibleRows } from '../text/visible-rows.js';
import type { KeyContext, KeyGroup } from './key-context.js';

/** PageUp: a page up, never past the first line; at the top of what is in memory, the page before it. */
function pageUp({ store, controller, layout, scroll }: KeyContext): void {
  const { bodyHeight, mainWidth } = layout;
  const state = store.getFrameState();
  const tabId = state.activeTabId;
  let next = scroll.current() + bodyHeight - 1;
  const buffer = state.lines[tabId] ?? [];
  // The same rows the view draws, the "new messages" rule included.
  const tab = state.tabs.find((t) => t.id === tabId);
  const shown = visibleRows(buffer, mainWidth - 1, bodyHeight, next, {
    unreadFrom: tab?.unreadFrom, expanded: tab?.expanded, anchor: scroll.anchorOf(tabId) ?? buffer.at(-1)?.id,
  });
  // Never past the first row: the top of the buffer stays on the first row of the view.
  if (shown.length < bodyHeight) next = Math.max(0, next + shown.length - bodyHeight);
  // At the top of what is in memory: read the page before it from the history.
  if (shown.length < bodyHeight || shown[0]?.line.id === buffer[0]?.id) controller.loadOlder?.(tabId);
  scroll.set(next);
}

export const viewKeys: KeyGroup<'view'> = {
  'view.page-up': pageUp,
  'view.page-down': ({ scroll, layout }) => scroll.set(scroll.current() - (layout.bodyHeight - 1)),
  'view.bottom': ({ scroll }) => scroll.set(0),
};
