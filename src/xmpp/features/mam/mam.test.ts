import { parse } from 'ltx';
import type xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { unwrapForwarded } from '../forwarding/unwrap.js';
import { buildMamQuery, parseArchived, readArchived, type MamResult } from './mam.js';

/** As the inbound router and the query read a result: unwrapped (and checked), then parsed, when it is for `queryId`. */
function parseMamResult(stanza: ReturnType<typeof xml>, ownJid: string, queryId: string): MamResult | undefined {
  const unwrapped = unwrapForwarded(stanza, ownJid);
  if (unwrapped.via === 'rejected') return unwrapped.queryId === queryId ? { ok: false, reason: unwrapped.reason } : undefined;
  return unwrapped.via === 'archive' && unwrapped.queryId === queryId ? parseArchived(unwrapped, ownJid) : undefined;
}

const el = (text: string) => parse(text) as unknown as ReturnType<typeof xml>;
const result = (from: string | undefined, inner: string, queryid = 'q1', stamp = '2026-11-20T10:00:00Z') =>
  el(`<message ${from ? `from="${from}"` : ''} to="alice@x/natter"><result xmlns="urn:xmpp:mam:2" queryid="${queryid}" id="arch-1">
    <forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="${stamp}"/>${inner}</forwarded></result></message>`);

describe('MAM (XEP-0313)', () => {
  it('reads an incoming and an outgoing archived message with its archive id and time', () => {
    const incoming = parseMamResult(result('alice@x', '<message from="bob@x/phone" to="alice@x" type="chat"><body>hi</body></message>'), 'alice@x', 'q1');
    expect(incoming).toMatchObject({ ok: true, message: { peer: 'bob@x', direction: 'in', body: 'hi', stanzaId: 'arch-1', at: Date.parse('2026-11-20T10:00:00Z') } });
    const outgoing = parseMamResult(result(undefined, '<message from="alice@x/laptop" to="bob@x" type="chat"><body>yo</body><origin-id xmlns="urn:xmpp:sid:0" id="o7"/></message>'), 'alice@x', 'q1');
    expect(outgoing).toMatchObject({ ok: true, message: { peer: 'bob@x', direction: 'out', body: 'yo', originId: 'o7' } });
  });

  it('takes the time from the archive\'s <forwarded/>, never from the archived message, and never later than now', () => {
    const claimed = '<message from="bob@x/phone" to="alice@x" type="chat"><body>hi</body><delay xmlns="urn:xmpp:delay" from="x" stamp="1999-01-01T00:00:00Z"/></message>';
    expect(parseMamResult(result('alice@x', claimed), 'alice@x', 'q1')).toMatchObject({ ok: true, message: { at: Date.parse('2026-11-20T10:00:00Z') } });
    const before = Date.now();
    const future = parseMamResult(result('alice@x', claimed, 'q1', '2999-01-01T00:00:00Z'), 'alice@x', 'q1');
    const at = future?.ok ? future.message.at : NaN;
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it('rejects a result that does not come from the account\'s own archive, and ignores other queries', () => {
    expect(parseMamResult(result('mallory@evil', '<message from="bob@x" to="alice@x"><body>fake</body></message>'), 'alice@x', 'q1')).toEqual({
      ok: false, reason: "archive result from mallory@evil, not from the account's own archive",
    });
    expect(parseMamResult(result('alice@x', '<message from="bob@x"><body>x</body></message>', 'other'), 'alice@x', 'q1')).toBeUndefined();
    expect(parseMamResult(el('<message from="bob@x"><body>x</body></message>'), 'alice@x', 'q1')).toBeUndefined();
  });

  it('reads what Prosody archives without a body: a receipt sent to us, anything else as nothing to show; a message between others is forged', () => {
    const read = (inner: string) => {
      const unwrapped = unwrapForwarded(result('alice@x', inner), 'alice@x');
      return unwrapped.via === 'archive' ? readArchived(unwrapped, 'alice@x') : unwrapped;
    };
    expect(read('<message from="bob@x/phone" to="alice@x/natter"><received xmlns="urn:xmpp:receipts" id="o1"/></message>')).toEqual({ kind: 'receipt', receipt: { peer: 'bob@x', id: 'o1' } });
    // Our own receipt (sent from another device of ours) confirms bob's message: nothing of ours.
    expect(read('<message from="alice@x/phone" to="bob@x/pc"><received xmlns="urn:xmpp:receipts" id="b1"/></message>')).toEqual({ kind: 'other' });
    expect(read('<message from="bob@x/phone" to="alice@x" type="chat"><displayed xmlns="urn:xmpp:chat-markers:0" id="o1"/><active xmlns="http://jabber.org/protocol/chatstates"/></message>')).toEqual({ kind: 'other' });
    expect(read('<message from="bob@x/phone" to="alice@x/natter" type="error"><error type="cancel"/></message>')).toEqual({ kind: 'other' });
    expect(read('<message from="carol@y/pc" to="dave@z" type="chat"><body>not yours</body></message>')).toEqual({
      kind: 'forged', reason: 'a message from carol@y to dave@z in the archive of alice@x',
    });
    expect(read('<message from="carol@y/pc" to="dave@z"><received xmlns="urn:xmpp:receipts" id="o1"/></message>')).toMatchObject({ kind: 'forged' });
  });

  it('asks for the page after an archive id, or the newest page', () => {
    expect(buildMamQuery('q', { after: 'a1', max: 50 }).toString()).toContain('<after>a1</after>');
    expect(buildMamQuery('q', { max: 50 }).toString()).toContain('<before/>');
  });
});
