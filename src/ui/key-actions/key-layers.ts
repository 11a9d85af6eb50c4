import type { KeyContext, KeyLayer } from './key-context.js';

type Test = (context: KeyContext) => boolean;

/** A layer's handler: while `active` holds it does `act` and takes the key; otherwise it passes it on. */
const when = (active: Test, act: (context: KeyContext) => void) => (context: KeyContext): boolean => {
  if (!active(context)) return false;
  act(context);
  return true;
};

const asking: Test = ({ store }) => store.getState().prompt !== undefined;
const searching: Test = ({ commandLine }) => commandLine.searching() !== undefined;
const helpShown: Test = ({ helpOpen }) => helpOpen;

/** The help overlay: Escape closes it (the other keys still act on the screen under it). */
const helpOverlay: KeyLayer = {
  'prompt.cancel': when(helpShown, ({ setHelpOpen }) => setHelpOpen(() => false)),
};

/** While a question is asked (a password), the line history and completion stay out of it. */
const questionGuard: KeyLayer = {
  'line.history-previous': asking,
  'line.history-next': asking,
  'line.complete': asking,
};

/** A history search (Ctrl-R): Enter keeps the match on the line, Escape puts the line back. */
const historySearch: KeyLayer = {
  'line.submit': when(searching, ({ commandLine }) => commandLine.dispatch({ type: 'search-accept' })),
  'prompt.cancel': when(searching, ({ commandLine }) => commandLine.dispatch({ type: 'search-cancel' })),
};

/** A question on the command line: Enter answers it (kept out of the line history), Escape cancels it. */
const question: KeyLayer = {
  'line.submit': when(asking, ({ controller, commandLine }) => controller.answer(commandLine.take(false))),
  'prompt.cancel': when(asking, ({ controller, commandLine }) => {
    commandLine.take(false);
    controller.answer(undefined);
  }),
};

/** Over the keybinding table, highest priority first. */
export const KEY_LAYERS: readonly KeyLayer[] = [helpOverlay, questionGuard, historySearch, question];
