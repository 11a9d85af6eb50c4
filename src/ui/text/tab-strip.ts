import stringWidth from 'string-width';
import type { Tab } from '../../domain/tab.js';

/** A tab as the bar shows it: `[N:title…(unread)!]`, and the cells it takes with the space after it. */
export interface ShownTab {
  tab: Tab;
  label: string;
  cells: number;
}

/** Tabs left out at one end of the bar: how many, and whether any of them has news. */
export interface HiddenTabs {
  count: number;
  unread: boolean;
  highlight: boolean;
}

export interface TabStrip {
  before?: HiddenTabs;
  shown: ShownTab[];
  after?: HiddenTabs;
}

function tabLabel(tab: Tab, index: number): string {
  const unread = tab.unread > 0 ? ` (${tab.unread})` : '';
  const typing = tab.peerState === 'composing' ? '…' : '';
  return `[${index + 1}:${tab.title}${typing}${unread}${tab.highlight ? '!' : ''}]`;
}

/** The marker for tabs left out: `‹3 ` before, ` 3›` after. */
export const hiddenMarker = (side: 'before' | 'after', count: number): string => (side === 'before' ? `‹${count} ` : `${count}›`);

/**
 * Which tabs the bar shows in `width` cells: all of them when they fit; otherwise a run that
 * holds the active tab (from the first tab when it fits there, else ending at the active one
 * and filled on both sides), with a count of those left out at each end. Only what is shown is
 * laid out: with 90 tabs, a bar of all of them was a ~4 KB string drawn anew at each unread
 * count, and Ink's text caches kept 8,192 of them (the soak's RSS growth).
 */
export function tabStrip(tabs: readonly Tab[], activeTabId: string, width: number): TabStrip {
  const all = tabs.map((tab, index) => {
    const label = tabLabel(tab, index);
    return { tab, label, cells: stringWidth(label) + 1 };
  });
  const total = all.reduce((sum, t) => sum + t.cells, 0);
  if (total <= width) return { shown: all };
  const active = Math.max(0, all.findIndex((t) => t.tab.id === activeTabId));
  // Room for both markers, whatever they count: at most as many digits as the tab count has.
  const markers = 2 * (String(all.length).length + 2);
  const room = width - markers;
  let start = active;
  let end = active + 1;
  let used = all[active]!.cells;
  const fits = (i: number): boolean => used + all[i]!.cells <= room;
  // From the first tab when the active one is among those that fit there.
  let fromStart = 0;
  let j = 0;
  for (; j < all.length && fromStart + all[j]!.cells <= room; j++) fromStart += all[j]!.cells;
  if (active < j) [start, end, used] = [0, j, fromStart];
  else {
    while (start > 0 && fits(start - 1)) used += all[--start]!.cells;
    while (end < all.length && fits(end)) used += all[end++]!.cells;
  }
  const hidden = (list: typeof all): HiddenTabs | undefined =>
    list.length === 0 ? undefined : { count: list.length, unread: list.some((t) => t.tab.unread > 0), highlight: list.some((t) => t.tab.highlight) };
  const before = hidden(all.slice(0, start));
  const after = hidden(all.slice(end));
  return { ...(before ? { before } : {}), shown: all.slice(start, end), ...(after ? { after } : {}) };
}
