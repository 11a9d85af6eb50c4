import { describe, expect, it } from 'vitest';
import { initialState } from '../../store/state.js';
import { completeLine } from '../complete.js';
import { fakeApi } from '../fake-api.js';
import type { CommandContext, RosterEdit } from '../types.js';
import { createRegistry } from './index.js';

const registry = createRegistry();
function context() {
  const edits: RosterEdit[] = [];
  const state = { ...initialState(), roster: [{ jid: 'bob@x', name: 'Bob', presence: 'online' as const, groups: ['work', 'book club'], account: 'alice@x' }] };
  const ctx: CommandContext = {
    state: () => state,
    registry,
    api: fakeApi({
      subscriptionRequests: () => ['carol@x'],
      editRoster: async (edit) => {
        edits.push(edit);
        return `done ${edit.kind}`;
      },
    }),
  };
  return { ctx, edits };
}

describe('/roster contact changes', () => {
  it.each<[string, RosterEdit]>([
    ['/roster add Bob@X/phone', { kind: 'add', jid: 'bob@x', groups: [] }],
    ['/roster add bob@x Bob Smith --group Friends --group "Book club"', { kind: 'add', jid: 'bob@x', name: 'Bob Smith', groups: ['Friends', 'Book club'] }],
    ['/roster add bob@x --group work', { kind: 'add', jid: 'bob@x', groups: ['work'] }],
    ['/roster remove bob@x', { kind: 'remove', jid: 'bob@x' }],
    ['/roster rename bob@x Bobby B', { kind: 'rename', jid: 'bob@x', name: 'Bobby B' }],
    ['/roster group add bob@x Book club', { kind: 'group-add', jid: 'bob@x', group: 'Book club' }],
    ['/roster group remove bob@x work', { kind: 'group-remove', jid: 'bob@x', group: 'work' }],
    ['/roster group rename "book club" Readers', { kind: 'group-rename', from: 'book club', to: 'Readers' }],
    ['/roster group rename work "Old friends"', { kind: 'group-rename', from: 'work', to: 'Old friends' }],
    ["/roster rename bob@x O'Brien", { kind: 'rename', jid: 'bob@x', name: "O'Brien" }],
    ['/roster subscribe bob@x', { kind: 'subscribe', jid: 'bob@x' }],
    ['/roster unsubscribe bob@x', { kind: 'unsubscribe', jid: 'bob@x' }],
    ['/roster approve dan@x', { kind: 'approve', jid: 'dan@x' }],
  ])('%s', async (line, edit) => {
    const { ctx, edits } = context();
    expect(await registry.execute(ctx, line)).toEqual({ ok: true, text: `done ${edit.kind}` });
    expect(edits).toEqual([edit]);
  });

  it.each([
    ['/roster add bob', '"bob" is not a JID; write it as name@server, e.g. /roster add bob@example.org'],
    ['/roster add', 'Wrong number of arguments. Usage: /roster add jid [name...]  (see /help roster add)'],
    ['/roster add bob@x --group', '--group needs a group name after it (the group is empty). Usage: /roster add JID [NAME] [--group G]'],
    ['/roster add bob@x Bob --colour red', 'Unknown option "--colour". Usage: /roster add JID [NAME] [--group G]'],
    ['/roster add bob@x "Bob\u0007"', 'the name holds control or direction characters'],
    [`/roster add bob@x ${'b'.repeat(1024)}`, 'the name is longer than 1023 characters'],
    ['/roster remove', 'Wrong number of arguments. Usage: /roster remove jid  (see /help roster remove)'],
    ['/roster remove a@b@c', '"a@b@c" is not a JID; write it as name@server, e.g. /roster remove bob@example.org'],
    ['/roster rename bob@x', 'Wrong number of arguments. Usage: /roster rename jid name...  (see /help roster rename)'],
    ['/roster group add bob@x', 'Wrong number of arguments. Usage: /roster group add jid group...  (see /help roster group add)'],
    ['/roster group rename work', 'Wrong number of arguments. Usage: /roster group rename old new...  (see /help roster group rename)'],
    ['/roster subscribe not a jid', 'Wrong number of arguments. Usage: /roster subscribe jid  (see /help roster subscribe)'],
    ['/roster approve @x', '"@x" is not a JID; write it as name@server, e.g. /roster approve bob@example.org'],
  ])('%s is refused in one line, and nothing is sent', async (line, error) => {
    const { ctx, edits } = context();
    expect(await registry.execute(ctx, line)).toEqual({ ok: false, error });
    expect(edits).toEqual([]);
  });

  it('completes contacts, groups, those who asked and --group; every action has help', async () => {
    const { ctx } = context();
    const complete = (line: string) => completeLine(registry, ctx, line, line.length)?.candidates;
    expect(complete('/roster remove b')).toEqual(['bob@x']);
    expect(complete('/roster rename ')).toEqual(['bob@x']);
    expect(complete('/roster group add bob@x b')).toEqual(['book club']);
    expect(complete('/roster group rename w')).toEqual(['work']);
    expect(complete('/roster add ')).toEqual(['carol@x']);
    expect(complete('/roster add carol@x --g')).toEqual(['--group']);
    expect(complete('/roster add carol@x --group w')).toEqual(['work']);
    for (const action of ['add', 'remove', 'rename', 'group add', 'group remove', 'group rename', 'group fold', 'subscribe', 'unsubscribe', 'approve']) {
      const help = await registry.execute(ctx, `/help roster ${action}`);
      expect(help.ok && help.text).toContain(`Usage: /roster ${action}`);
    }
  });
});
