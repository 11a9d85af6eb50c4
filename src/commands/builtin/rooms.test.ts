import { describe, expect, it } from 'vitest';
import { roomTabId, tabIdOf } from '../../domain/tab-address.js';
import type { Room } from '../../domain/room.js';
import { initialState, type AppState } from '../../store/state.js';
import { candidatesLine, completeLine, completeName, MAX_LISTED_CANDIDATES } from '../complete.js';
import { fakeApi } from '../fake-api.js';
import type { ClientApi, CommandContext } from '../types.js';
import { createRegistry } from './index.js';

const registry = createRegistry();
const ops: Room = {
  room: 'ops@conference.x', account: 'alice@x', nick: 'alice', joined: true, subject: 'deploys',
  occupants: [
    { nick: 'alice', role: 'moderator', affiliation: 'owner', presence: 'online' },
    { nick: 'bob', role: 'participant', affiliation: 'none', presence: 'away' },
    { nick: 'Bobby', role: 'visitor', affiliation: 'none', presence: 'online' },
  ],
};
function context(activeTabId: string, api: Partial<ClientApi> = {}): { ctx: CommandContext; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const state: AppState = { ...initialState(), activeTabId, rooms: { [ops.room]: ops } };
  const record = (name: string) => async (...args: unknown[]) => {
    calls.push([name, ...args]);
    return `${name} done`;
  };
  return {
    calls,
    ctx: { state: () => state, registry, api: fakeApi({ joinRoom: record('join'), leaveRoom: record('leave'), sayInRoom: record('say') as never, sendPrivate: record('private') as never, ...api }) },
  };
}

describe('/join', () => {
  it('joins ROOM, or ROOM/NICK, with an optional password, and brings the room tab to the front', async () => {
    const { ctx, calls } = context('console');
    expect(await registry.execute(ctx, '/join Ops@Conference.x')).toEqual({ ok: true, text: 'join done', intents: [{ type: 'tab/focus', id: roomTabId('ops@conference.x') }] });
    await registry.execute(ctx, '/join ops@conference.x/Alice Laptop');
    await registry.execute(ctx, '/join secret@conference.x hunter2');
    expect(calls).toEqual([
      ['join', 'ops@conference.x', undefined, undefined],
      ['join', 'ops@conference.x', 'Alice', 'Laptop'],
      ['join', 'secret@conference.x', undefined, 'hunter2'],
    ]);
  });

  it('refuses what is not a room address, an empty nick, and no argument, saying how', async () => {
    const { ctx, calls } = context('console');
    expect(await registry.execute(ctx, '/join ops')).toMatchObject({ ok: false, error: expect.stringContaining('is not a room address') });
    expect(await registry.execute(ctx, '/join ops@conference.x/')).toMatchObject({ ok: false, error: expect.stringContaining('nickname after "/" is empty') });
    expect(await registry.execute(ctx, '/join')).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  it('passes the reason a join failed, and completes rooms known; /jo completes to /join', async () => {
    const { ctx } = context('console', { joinRoom: async () => Promise.reject(new Error('could not join ops@conference.x: the nickname is taken')) });
    expect(await registry.execute(ctx, '/join ops@conference.x')).toEqual({ ok: false, error: '/join failed: could not join ops@conference.x: the nickname is taken' });
    expect(completeLine(registry, ctx, '/join op', 8)?.text).toBe('/join ops@conference.x ');
    expect(completeLine(registry, ctx, '/jo', 3)?.text).toBe('/join ');
    const help = await registry.execute(ctx, '/help join');
    expect(help.ok && help.text).toContain('/join room[/nick] [password]');
  });
});

describe('/leave, /who, /msg NICK, /me in rooms', () => {
  it('/leave leaves the room of the tab, or the one named; elsewhere without a room it says how', async () => {
    const { ctx, calls } = context(roomTabId('ops@conference.x'));
    expect(await registry.execute(ctx, '/leave')).toEqual({ ok: true, text: 'leave done' });
    expect(await registry.execute(ctx, '/part other@conference.x')).toEqual({ ok: true, text: 'leave done' });
    expect(calls).toEqual([['leave', 'ops@conference.x'], ['leave', 'other@conference.x']]);
    expect(await registry.execute(context('console').ctx, '/leave')).toMatchObject({ ok: false, error: expect.stringContaining('works in a room tab') });
  });

  it('/who lists the people, moderators first, with data for scripts', async () => {
    const result = await registry.execute(context(roomTabId('ops@conference.x')).ctx, '/who');
    expect(result).toMatchObject({ ok: true, text: '3 in ops@conference.x: alice (moderator), bob (away), Bobby (visitor)' });
    expect(result.ok && (result.data as unknown[]).length).toBe(3);
    expect(await registry.execute(context('console').ctx, '/who')).toMatchObject({ ok: false });
  });

  it('/msg NICK in a room writes privately to an occupant, and refuses a nick not there', async () => {
    const { ctx, calls } = context(roomTabId('ops@conference.x'));
    expect(await registry.execute(ctx, '/msg bob psst')).toEqual({ ok: true, intents: [{ type: 'open-private', room: 'ops@conference.x', nick: 'bob' }] });
    expect(calls).toEqual([['private', 'ops@conference.x', 'bob', 'psst']]);
    expect(await registry.execute(ctx, '/msg carol hi')).toMatchObject({ ok: false, error: expect.stringContaining('nobody called "carol"') });
    expect(completeLine(registry, ctx, '/msg bo', 7)?.candidates).toEqual(['bob']);
  });

  it('/me says the action in the room, or privately in a private tab', async () => {
    const room = context(roomTabId('ops@conference.x'));
    await registry.execute(room.ctx, '/me waves');
    const pm = context(tabIdOf({ kind: 'private', room: 'ops@conference.x', nick: 'bob' }));
    await registry.execute(pm.ctx, '/me nods');
    expect([...room.calls, ...pm.calls]).toEqual([['say', 'ops@conference.x', '/me waves'], ['private', 'ops@conference.x', 'bob', '/me nods']]);
  });
});

describe('completeName (nicks in a room message)', () => {
  const nicks = ops.occupants.map((o) => o.nick);
  it('completes a nick at the start with ": ", inside a line with a space, any case', () => {
    expect(completeName('ali', 3, nicks)).toEqual({ text: 'alice: ', cursor: 7, candidates: ['alice'] });
    expect(completeName('thanks Ali', 10, nicks)).toEqual({ text: 'thanks alice ', cursor: 13, candidates: ['alice'] });
  });
  it('shows every candidate when several match, and nothing for no word or no match', () => {
    expect(completeName('bo', 2, nicks)?.candidates).toEqual(['Bobby', 'bob']);
    expect(completeName('hi ', 3, nicks)).toBeUndefined();
    expect(completeName('zed', 3, nicks)).toBeUndefined();
  });
  it('completes nicks as shown: control and bidi characters from the network never reach the line', () => {
    const hostile = ['mal\u009b31m\u202eory', 'mallet\u009d0;title\u009c'];
    expect(completeName('mal', 3, hostile)?.candidates).toEqual(['mallet', 'malory']);
    expect(completeName('mall', 4, hostile)).toEqual({ text: 'mallet: ', cursor: 8, candidates: ['mallet'] });
  });
  it('lists at most MAX_LISTED_CANDIDATES candidates in one inert line', () => {
    const many = Array.from({ length: 500 }, (_, i) => `n${i}\u202e`);
    const line = candidatesLine(many);
    expect(line.split('  ')).toHaveLength(MAX_LISTED_CANDIDATES + 1);
    expect(line).toMatch(/… and 450 more$/);
    expect(line).not.toContain('\u202e');
    expect(candidatesLine(['a', 'b'])).toBe('a  b');
  });
});

describe('/msg NICK with a nick as shown', () => {
  it('writes to the occupant whose nick carries control characters when written as natter shows it', async () => {
    const { ctx, calls } = context(roomTabId('ops@conference.x'));
    const room = ctx.state().rooms[ops.room]!;
    ctx.state().rooms[ops.room] = { ...room, occupants: [...room.occupants, { nick: 'eve\u202e', role: 'participant', affiliation: 'none', presence: 'online' }] };
    expect(completeLine(registry, ctx, '/msg ev', 7)?.candidates).toEqual(['eve']);
    expect(await registry.execute(ctx, '/msg eve hi')).toEqual({ ok: true, intents: [{ type: 'open-private', room: 'ops@conference.x', nick: 'eve\u202e' }] });
    expect(calls).toEqual([['private', 'ops@conference.x', 'eve\u202e', 'hi']]);
  });
});
