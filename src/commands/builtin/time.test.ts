import { describe, expect, it } from 'vitest';
import { initialState } from '../../store/state.js';
import { completeLine } from '../complete.js';
import { fakeApi } from '../fake-api.js';
import type { CommandContext, EntityTime } from '../types.js';
import { createRegistry } from './index.js';
import { describeEntityTime } from './time.js';

const at = Date.UTC(2026, 11, 7, 12, 3, 20);
/** Bob's answer to alice, who is at UTC+01:00, received at 12:03:20 UTC. */
const bob = (patch: Partial<EntityTime> = {}): EntityTime => ({
  jid: 'bob@x/phone', utc: at - 1000, tzo: '+02:00', offsetMinutes: 120, receivedAt: at, ourOffsetMinutes: 60, ...patch,
});

function setup(answer: (jid: string) => Promise<EntityTime>) {
  const asked: string[] = [];
  const registry = createRegistry();
  const state = {
    ...initialState(),
    roster: [
      { jid: 'bob@x', name: 'Bob', presence: 'online' as const, account: 'alice@x' },
      { jid: 'bob@x', name: 'Bob', presence: 'online' as const, account: 'work@y' },
      { jid: 'carol@x', name: 'Carol', presence: 'offline' as const, account: 'alice@x' },
    ],
  };
  const ctx: CommandContext = { state: () => state, registry, api: fakeApi({ entityTime: (jid) => (asked.push(jid), answer(jid)) }) };
  return { registry, ctx, asked };
}

describe('/time', () => {
  it("shows their local time, their offset and how far ahead they are", async () => {
    const { registry, ctx, asked } = setup(async () => bob());
    expect(await registry.execute(ctx, '/time bob@x/phone')).toEqual({ ok: true, text: 'bob@x/phone: 14:03 (UTC+02:00), 1 hour ahead of you' });
    expect(asked).toEqual(['bob@x/phone']);
  });

  it('says why when they do not answer', async () => {
    const { registry, ctx } = setup(() => Promise.reject(new Error('bob@x/phone does not answer time queries (service-unavailable)')));
    expect(await registry.execute(ctx, '/time bob@x')).toEqual({ ok: false, error: '/time failed: bob@x/phone does not answer time queries (service-unavailable)' });
  });

  it('refuses what is not a JID without asking, and needs one', async () => {
    const { registry, ctx, asked } = setup(async () => bob());
    expect(await registry.execute(ctx, '/time bob@')).toEqual({ ok: false, error: '"bob@" is not a JID. Write it as name@server, name@server/resource or server, e.g. /time bob@example.org' });
    expect(await registry.execute(ctx, '/time bob@x/')).toMatchObject({ ok: false });
    expect(await registry.execute(ctx, '/time')).toMatchObject({ ok: false });
    expect(asked).toEqual([]);
  });

  it('completes contacts, each once', () => {
    const { registry, ctx } = setup(async () => bob());
    expect(completeLine(registry, ctx, '/time b', 7)?.text).toBe('/time bob@x ');
    expect(completeLine(registry, ctx, '/time ', 6)?.candidates).toEqual(['bob@x', 'carol@x']);
  });

  it('has help that says who is asked and who natter answers', async () => {
    const { registry, ctx } = setup(async () => bob());
    const help = await registry.execute(ctx, '/help time');
    expect(help.ok && help.text).toContain('Usage: /time jid');
    expect(help.ok && help.text).toContain('A full JID (with /resource) is asked as written');
    expect(help.ok && help.text).toContain('natter does: to your contacts');
  });
});

describe('describeEntityTime', () => {
  it('says behind, the same offset, half hours, and the day when it is not ours', () => {
    expect(describeEntityTime(bob({ tzo: '-05:00', offsetMinutes: -300 }))).toBe('bob@x/phone: 07:03 (UTC-05:00), 6 hours behind you');
    expect(describeEntityTime(bob({ tzo: '+01:00', offsetMinutes: 60 }))).toBe('bob@x/phone: 13:03 (UTC+01:00), the same UTC offset as you');
    expect(describeEntityTime(bob({ tzo: '+05:30', offsetMinutes: 330 }))).toBe('bob@x/phone: 17:33 (UTC+05:30), 4 hours 30 minutes ahead of you');
    expect(describeEntityTime(bob({ tzo: '+00:45', offsetMinutes: 45 }))).toBe('bob@x/phone: 12:48 (UTC+00:45), 15 minutes behind you');
    const late = Date.UTC(2026, 11, 7, 22, 30);
    expect(describeEntityTime(bob({ utc: late, receivedAt: late, tzo: '+14:00', offsetMinutes: 840 }))).toBe('bob@x/phone: 12:30 tomorrow (UTC+14:00), 13 hours ahead of you');
    const early = Date.UTC(2026, 11, 7, 0, 30);
    expect(describeEntityTime(bob({ utc: early, receivedAt: early, tzo: '-10:00', offsetMinutes: -600 }))).toBe('bob@x/phone: 14:30 yesterday (UTC-10:00), 11 hours behind you');
  });

  it('says when their clock is off ours by a minute or more (XEP-0202 §6), in days when far off', () => {
    expect(describeEntityTime(bob({ utc: at + 3 * 60_000 }))).toBe('bob@x/phone: 14:06 (UTC+02:00), 1 hour ahead of you; their clock is 3 minutes ahead of yours');
    expect(describeEntityTime(bob({ utc: at - 400 * 86_400_000 }))).toBe('bob@x/phone: 14:03 on 2025-11-02 (UTC+02:00), 1 hour ahead of you; their clock is 400 days behind yours');
  });

  it('shows a JID from the network inert', () => {
    expect(describeEntityTime(bob({ jid: 'bob@x/\u001b[2J\u202ephone' }))).toBe('bob@x/phone: 14:03 (UTC+02:00), 1 hour ahead of you');
  });
});
