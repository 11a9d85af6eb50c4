import { useLayoutEffect, useRef } from 'react';
import type { Tab } from '../../domain/tab.js';
import type { Store } from '../../store/create-store.js';
import type { ScreenLayout } from '../layout/screen-layout.js';
import { offsetOfTop } from '../text/visible-rows.js';
import { useAppState } from './use-app-state.js';
import type { ScrollBack } from './use-scroll-back.js';

/**
 * Search results are read from the top: the header, then the best hits. A conversation opens
 * at its newest line; a new set of results (a new first line in the search tab) opens scrolled
 * back to its first row, and PageDown or Alt-End go on from there.
 */
export function useResultsFromTop(store: Store, tab: Tab | undefined, layout: ScreenLayout, scroll: ScrollBack): void {
  const firstLine = useAppState((s) => (tab?.kind === 'search' ? s.lines[tab.id]?.[0]?.id : undefined));
  // Per tab: coming back to a search tab keeps where it was read to.
  const opened = useRef<Record<string, number>>({});
  useLayoutEffect(() => {
    if (!tab || firstLine === undefined || opened.current[tab.id] === firstLine) return;
    opened.current[tab.id] = firstLine;
    const lines = store.getFrameState().lines[tab.id] ?? [];
    scroll.set(offsetOfTop(lines, layout.mainWidth - 1, layout.bodyHeight, { expanded: tab.expanded }), true);
  });
}
