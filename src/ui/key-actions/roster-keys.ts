import { quoteToken } from '../../commands/tokenize.js';
import { MAX_ROSTER_WIDTH, MIN_ROSTER_WIDTH } from '../../store/state.js';
import type { KeyContext, KeyGroup } from './key-context.js';

/** Alt-Down/Alt-Up: the next or previous contact, kept on screen. */
function selectNext({ pane, layout }: KeyContext, step: 1 | -1): void {
  const contacts = pane.rows.map((row, index) => ({ row, index })).filter(({ row }) => row.kind === 'contact');
  const at = contacts.findIndex(({ row }) => row.key === pane.selected);
  const next = contacts[at < 0 ? (step > 0 ? 0 : contacts.length - 1) : Math.max(0, Math.min(contacts.length - 1, at + step))];
  if (!next) return;
  pane.select(next.row.key);
  const inner = layout.paneRows;
  pane.setOffset((o) => (next.index < o ? next.index : next.index >= o + inner ? next.index - inner + 1 : o));
}

/** Alt-Enter: a chat with the selected contact (or, a filter having left one, with that one). */
function openSelected({ pane, controller }: KeyContext): void {
  const contacts = pane.rows.filter((row) => row.kind === 'contact');
  const row = contacts.find((r) => r.key === pane.selected) ?? (contacts.length === 1 ? contacts[0] : undefined);
  if (row?.kind === 'contact') controller.submit(`/msg ${quoteToken(row.contact.jid)}`);
}

function resize({ store }: KeyContext, by: number): void {
  const width = store.getState().rosterWidth + by;
  store.dispatch({ type: 'roster/width', width: Math.max(MIN_ROSTER_WIDTH, Math.min(MAX_ROSTER_WIDTH, width)) });
}

export const rosterKeys: KeyGroup<'roster'> = {
  'roster.page-up': ({ pane, layout }) => pane.setOffset((o) => Math.max(0, o - layout.paneRows)),
  'roster.page-down': ({ pane, layout }) => pane.setOffset((o) => Math.max(0, Math.min(o + layout.paneRows, pane.rows.length - layout.paneRows))),
  'roster.next': (context) => selectNext(context, 1),
  'roster.previous': (context) => selectNext(context, -1),
  'roster.open': openSelected,
  'roster.toggle': ({ store }) => store.dispatch({ type: 'roster/visible', visible: !store.getState().rosterVisible }),
  'roster.narrower': (context) => resize(context, -2),
  'roster.wider': (context) => resize(context, 2),
  'roster.filter': ({ commandLine }) => commandLine.setText('/roster filter ', '/roster filter '.length),
  'roster.status': ({ store }) => store.dispatch({ type: 'roster/show-status', show: !store.getState().rosterShowStatus }),
};
