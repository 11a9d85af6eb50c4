import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { askEntityTime, TIME_QUERY_TIMEOUT_MS, type TimeAskPort } from './ask-time.js';

const clock = { now: () => Date.UTC(2026, 11, 7, 12, 3, 30), offsetAt: () => 60 };
const answer = (tzo: string, utc: string): Element => xml('time', { xmlns: 'urn:xmpp:time' }, xml('tzo', {}, tzo), xml('utc', {}, utc));

/** A port that answers every question with `reply` and records whom it asked. */
function port(reply: (to: string) => Promise<Element | undefined>, online: Record<string, string> = {}) {
  const asked: Array<{ to: string; child: string; timeoutMs: number }> = [];
  const fake: TimeAskPort = {
    ask: (child, to, timeoutMs) => (asked.push({ to, child: child.toString(), timeoutMs }), reply(to)),
    onlineAt: (contact) => online[contact],
  };
  return { fake, asked };
}

const stanzaError = (condition: string): Error => Object.assign(new Error(condition), { name: 'StanzaError', condition });

describe('askEntityTime', () => {
  it('asks a full JID as written (bare part in canonical form) and returns their time with ours', async () => {
    const { fake, asked } = port(async () => answer('+02:00', '2026-12-07T12:03:29Z'));
    expect(await askEntityTime(fake, 'Bob@X/Phone', clock)).toEqual({
      jid: 'bob@x/Phone', utc: Date.UTC(2026, 11, 7, 12, 3, 29), tzo: '+02:00', offsetMinutes: 120, receivedAt: clock.now(), ourOffsetMinutes: 60,
    });
    expect(asked).toEqual([{ to: 'bob@x/Phone', child: '<time xmlns="urn:xmpp:time"/>', timeoutMs: TIME_QUERY_TIMEOUT_MS }]);
  });

  it("asks a contact's bare JID at its best online resource, else at the bare JID; a domain as it is", async () => {
    const { fake, asked } = port(async () => answer('Z', '2026-12-07T12:03:29Z'), { 'bob@x': 'bob@x/laptop' });
    expect((await askEntityTime(fake, 'bob@x', clock)).jid).toBe('bob@x/laptop');
    expect((await askEntityTime(fake, 'carol@x', clock)).jid).toBe('carol@x');
    expect((await askEntityTime(fake, 'X', clock)).jid).toBe('x');
    expect(asked.map((a) => a.to)).toEqual(['bob@x/laptop', 'carol@x', 'x']);
  });

  it('says who does not answer time queries, and why', async () => {
    const cases: Array<[unknown, string]> = [
      [stanzaError('service-unavailable'), 'bob@x/phone does not answer time queries (service-unavailable)'],
      [stanzaError('feature-not-implemented'), 'bob@x/phone does not answer time queries (feature-not-implemented)'],
      [stanzaError('remote-server-not-found'), 'bob@x/phone could not be asked the time (remote-server-not-found)'],
      [stanzaError('\u001b[31mred'), 'bob@x/phone could not be asked the time (undefined-condition)'],
      [Object.assign(new Error(''), { name: 'TimeoutError' }), 'bob@x/phone did not answer the time query within 10 s'],
      [new Error('alice@x is offline; /connect alice@x first'), 'could not ask bob@x/phone the time: alice@x is offline; /connect alice@x first'],
    ];
    for (const [error, message] of cases) {
      const { fake } = port(() => Promise.reject(error));
      await expect(askEntityTime(fake, 'bob@x/phone', clock)).rejects.toThrow(message);
    }
  });

  it('refuses an answer it can not read, saying why', async () => {
    const { fake } = port(async () => answer('CET', '2026-12-07T12:03:29Z'));
    await expect(askEntityTime(fake, 'bob@x/phone', clock)).rejects.toThrow('bob@x/phone answered with a time natter can not read (an offset that is not (+|-)hh:mm)');
    const { fake: empty } = port(async () => undefined);
    await expect(askEntityTime(empty, 'bob@x/phone', clock)).rejects.toThrow('(no <time/> in the answer)');
  });

  it('shows a resource from the network inert in its errors', async () => {
    const { fake } = port(() => Promise.reject(stanzaError('service-unavailable')), { 'bob@x': 'bob@x/\u001b]0;pwned\u0007\u202eevil' });
    await expect(askEntityTime(fake, 'bob@x', clock)).rejects.toThrow('bob@x/evil does not answer time queries (service-unavailable)');
  });

  it('refuses what is not a JID before asking anyone', async () => {
    const { fake, asked } = port(async () => answer('Z', '2026-12-07T12:03:29Z'));
    for (const written of ['', 'bob@x/', '@x', 'bob@', 'a b@x']) await expect(askEntityTime(fake, written, clock)).rejects.toThrow('is not a JID');
    expect(asked).toEqual([]);
  });
});
