import type { RedactedLine } from '../commands/redact.js';

/** What the UI can ask of the app. The composition root implements it. */
export interface UiController {
  /** A line typed in the command line: a /command, or a message for the active tab. */
  submit(line: string): void;
  /** The answer to the open prompt (state.prompt), or undefined when it was cancelled (Escape). */
  answer(text: string | undefined): void;
  /** Scrolled to the top of a tab: read older lines in (true when there were some). */
  loadOlder?(tabId: string): boolean;
  /** The command line changed (typing notifications, XEP-0085); optional for tests. */
  typing?(line: string): void;
  /** Ctrl-C and friends: leave as cleanly as /quit. */
  quit(): void;
  /** Alt-E: the line edited in $EDITOR, or undefined when it stays as it was (the reason is shown). */
  editExternally?(text: string): string | undefined;
  /** A key or paste is about to be handled. */
  keyStarted?(): void;
  /**
   * A key was handled: draw its effect now rather than at the next throttled frame, so the
   * echo of a keystroke does not wait behind a flood of incoming messages.
   */
  keyHandled?(): void;
  /** A submitted line without its secrets (a room password): `kept` is what the line history may hold. */
  withoutSecrets?(line: string): RedactedLine;
  /** Tab: the completed line and cursor, or undefined when nothing completes. */
  complete(line: string, cursor: number): { text: string; cursor: number } | undefined;
}
