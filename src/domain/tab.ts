/** A conversation tab. The console is always tab 1; chats and rooms come after it. */
export type TabKind = 'console' | 'chat' | 'room' | 'private';

export interface Tab {
  id: string;
  kind: TabKind;
  /** Shown in the tab bar; already sanitized. */
  title: string;
  unread: number;
  highlight: boolean;
}

export const CONSOLE_TAB_ID = 'console';

export function consoleTab(): Tab {
  return { id: CONSOLE_TAB_ID, kind: 'console', title: 'console', unread: 0, highlight: false };
}
