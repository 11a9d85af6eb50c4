/** The sizes of the screen's regions, from the terminal's size and the roster pane's. */
export interface ScreenLayout {
  columns: number;
  rows: number;
  /** Rows above the status line and the command line: the side pane, the tab bar and the conversation. */
  bodyRows: number;
  /** Rows of the conversation (under the tab bar). */
  bodyHeight: number;
  /** Columns of the side pane (the roster, or a room's occupants); 0 when it is hidden. */
  paneWidth: number;
  /** Rows of the side pane's list, inside its border and under its heading. */
  paneRows: number;
  /** Columns right of the side pane; the tab bar and the conversation take one less (padding). */
  mainWidth: number;
}

export function screenLayout(columns: number, rows: number, pane: { visible: boolean; width: number }): ScreenLayout {
  const paneWidth = pane.visible ? Math.min(pane.width, Math.floor(columns / 2)) : 0;
  return {
    columns,
    rows,
    bodyRows: rows - 2,
    bodyHeight: Math.max(1, rows - 3),
    paneWidth,
    paneRows: rows - 5,
    mainWidth: columns - paneWidth,
  };
}
