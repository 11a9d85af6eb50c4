import type { CommandLineAction } from '../hooks/use-command-line.js';
import { lineText } from '../input/line-editor.js';
import type { KeyContext, KeyGroup, KeyHandler } from './key-context.js';

/** The line changed: tell the peer we type (XEP-0085), unless the line answers a question. */
function lineChanged({ store, controller, commandLine }: KeyContext): void {
  if (store.getState().prompt === undefined) controller.typing?.(lineText(commandLine.current()));
}

/** Printable input and pastes: into the line at the cursor. */
export function typeText(context: KeyContext, text: string): void {
  context.commandLine.dispatch({ type: 'insert', text });
  lineChanged(context);
}

const edit = (action: CommandLineAction): KeyHandler => (context) => {
  context.commandLine.dispatch(action);
  lineChanged(context);
};

/** Up on an empty line in a chat: correct the last message sent (Profanity, Conversations). */
function correctLast({ store, commandLine, activeTabId }: KeyContext): boolean {
  if (commandLine.current().graphemes.length > 0) return false;
  const state = store.getState();
  const last = state.tabs.find((t) => t.id === activeTabId)?.kind === 'chat'
    ? state.lines[activeTabId]?.findLast((l) => l.kind === 'outgoing')
    : undefined;
  if (!last) return false;
  const text = `/correct ${last.text}`;
  commandLine.setText(text, text.length);
  return true;
}

/** Enter: the message or command goes; the line history keeps it without its secrets. */
function submit({ commandLine, controller, scroll }: KeyContext): void {
  const text = commandLine.take((typed) => controller.withoutSecrets?.(typed).kept ?? typed);
  if (text.trim() !== '') controller.submit(text);
  scroll.set(0);
}

function complete({ commandLine, controller }: KeyContext): void {
  const { graphemes, cursor } = commandLine.current();
  const before = graphemes.slice(0, cursor).join('');
  const completed = controller.complete(graphemes.join(''), before.length);
  if (completed) commandLine.setText(completed.text, completed.cursor);
}

function editInEditor({ commandLine, controller, redraw }: KeyContext): void {
  const edited = controller.editExternally?.(commandLine.current().graphemes.join(''));
  if (edited !== undefined) commandLine.setText(edited, edited.length);
  redraw();
}

const recallPrevious = edit({ type: 'history-previous' });

export const lineKeys: KeyGroup<'line'> = {
  'line.submit': submit,
  'line.complete': complete,
  'line.edit-in-editor': editInEditor,
  'line.left': edit({ type: 'left' }),
  'line.right': edit({ type: 'right' }),
  'line.home': edit({ type: 'home' }),
  'line.end': edit({ type: 'end' }),
  'line.word-left': edit({ type: 'word-left' }),
  'line.word-right': edit({ type: 'word-right' }),
  'line.backspace': edit({ type: 'backspace' }),
  'line.delete': edit({ type: 'delete' }),
  'line.kill-to-start': edit({ type: 'kill-to-start' }),
  'line.kill-to-end': edit({ type: 'kill-to-end' }),
  'line.kill-word-back': edit({ type: 'kill-word-back' }),
  'line.yank': edit({ type: 'yank' }),
  'line.history-previous': (context) => {
    if (!correctLast(context)) recallPrevious(context);
  },
  'line.history-next': edit({ type: 'history-next' }),
  'line.search-history': edit({ type: 'search' }),
};
