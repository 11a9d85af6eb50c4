import { useReducer, useRef } from 'react';
import type { Store } from '../../store/create-store.js';
import { reloadsFromHistory } from '../../store/trim-lines.js';

/** How far the conversation of each tab is scrolled back (PageUp), in rows from the newest. */
export interface ScrollBack {
  /** The tab in front, as drawn. */
  offset: number;
  /** Scrolled back: the line the view is measured from (see visibleRows); undefined at the bottom. */
  anchor: number | undefined;
  /** The offset of the tab in front as of the last key, even before React has re-rendered. */
  current(): number;
  /** The anchor of a tab, if it is scrolled back. */
  anchorOf(tabId: string): number | undefined;
  /**
   * Scrolls the tab in front to `value` rows from the bottom (0: the newest line); `fresh`: its
   * lines were replaced, so the view is measured from the newest of the new ones.
   */
  set(value: number, fresh?: boolean): void;
}

/**
 * Scroll offsets per tab live in a ref, like the command line: keys that arrive faster than
 * renders (held PageUp, a burst from a slow link) must each count from the previous one.
 */
export function useScrollBack(store: Store, activeTabId: string): ScrollBack {
  const offsets = useRef<Record<string, number>>({});
  // While scrolled back the view holds still: it is measured from the line that was newest
  // when scrolling began, and what arrives after it is counted below.
  const anchors = useRef<Record<string, number | undefined>>({});
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // A chat or room left keeps only its newest lines (store/trim-lines.ts): the rows it was
  // scrolled back to may be gone, so it comes back at its newest lines, where the "new
  // messages" rule is; PageUp reads the older ones back from the history.
  const front = useRef(activeTabId);
  if (front.current !== activeTabId) {
    const left = front.current;
    front.current = activeTabId;
    const kind = store.getFrameState().tabs.find((t) => t.id === left)?.kind;
    if (kind === undefined || reloadsFromHistory(kind)) {
      const { [left]: _offset, ...offsetsKept } = offsets.current;
      offsets.current = offsetsKept;
      anchors.current[left] = undefined;
    }
  }
  const offset = offsets.current[activeTabId] ?? 0;
  return {
    offset,
    anchor: offset > 0 ? anchors.current[activeTabId] : undefined,
    current: () => offsets.current[store.getFrameState().activeTabId] ?? 0,
    anchorOf: (tabId) => anchors.current[tabId],
    set(value, fresh = false) {
      const tabId = store.getFrameState().activeTabId;
      const next = Math.max(0, value);
      if (next === 0 || fresh) anchors.current[tabId] = undefined;
      else anchors.current[tabId] ??= store.getFrameState().lines[tabId]?.at(-1)?.id;
      offsets.current = { ...offsets.current, [tabId]: next };
      rerender();
    },
  };
}
