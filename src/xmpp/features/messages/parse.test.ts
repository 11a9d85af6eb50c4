import { parse } from 'ltx';
import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { buildChatMessage } from './build.js';
import { MAX_BODY_CHARS } from '../../../domain/body-limit.js';
import { parseChatMessage } from './parse.js';

const stanza = (text: string) => parse(text) as unknown as ReturnType<typeof xml>;

describe('parseChatMessage', () => {
  it('parses a chat message with origin-id; its time is when it arrived, whatever <delay/> its sender wrote', () => {
    const result = parseChatMessage(
      stanza(`<message type="chat" from="Bob@Example.org/phone" id="m1"><body>hi</body>
        <delay xmlns="urn:xmpp:delay" stamp="2999-01-02T03:04:05Z"/><delay xmlns="urn:xmpp:delay" from="example.org" stamp="1999-01-02T03:04:05Z"/>
        <origin-id xmlns="urn:xmpp:sid:0" id="o1"/></message>`),
      { now: () => 1_800_000_000_000 },
    );
    expect(result).toEqual({
      ok: true,
      message: { peer: 'bob@example.org', fullJid: 'Bob@Example.org/phone', direction: 'in', body: 'hi', at: 1_800_000_000_000, id: 'm1', originId: 'o1' },
    });
  });

  it('takes the time of the last <delay/> from the entity named in delayFrom (the server handing over offline messages), never later than now', () => {
    const now = () => Date.parse('2026-06-01T00:00:00Z');
    const delayed = (...delays: string[]) => stanza(`<message type="chat" from="bob@example.org/p"><body>hi</body>${delays.map((d) => `<delay xmlns="urn:xmpp:delay" ${d}/>`).join('')}</message>`);
    const at = (s: ReturnType<typeof stanza>) => { const r = parseChatMessage(s, { now, delayFrom: 'example.org' }); return r.ok ? r.message.at : NaN; };
    expect(at(delayed('from="bob@example.org" stamp="2026-01-01T00:00:00Z"', 'from="Example.org" stamp="2026-02-01T00:00:00Z"'))).toBe(Date.parse('2026-02-01T00:00:00Z'));
    expect(at(delayed('from="example.org" stamp="2026-01-01T00:00:00Z"', 'from="example.org" stamp="2026-03-01T00:00:00Z"'))).toBe(Date.parse('2026-03-01T00:00:00Z'));
    expect(at(delayed('from="example.org" stamp="2999-01-01T00:00:00Z"'))).toBe(now());
    expect(at(delayed('stamp="2026-01-01T00:00:00Z"'))).toBe(now());
    expect(at(delayed('from="evil.example.org" stamp="2026-01-01T00:00:00Z"'))).toBe(now());
  });

  it("trusts a stanza-id only from the account's own archive (XEP-0359)", () => {
    const text = `<message type="chat" from="bob@x/p"><body>hi</body>
      <stanza-id xmlns="urn:xmpp:sid:0" by="bob@x" id="forged"/><stanza-id xmlns="urn:xmpp:sid:0" by="alice@x" id="s1"/></message>`;
    const mine = parseChatMessage(stanza(text), { archive: 'alice@x' });
    expect(mine.ok && mine.message.stanzaId).toBe('s1');
    const other = parseChatMessage(stanza(text), { archive: 'carol@x' });
    expect(other.ok && other.message.stanzaId).toBeUndefined();
  });

  it.each([
    ['<message type="groupchat" from="r@c/n"><body>x</body></message>', 'type groupchat'],
    ['<message type="chat" from="a@b"/>', 'no body'],
    ['<message type="chat"><body>x</body></message>', 'no valid from'],
    ['<message type="chat" from="@b"><body>x</body></message>', 'no valid from'],
    ['<presence from="a@b"/>', 'not a message'],
  ])('drops %s (%s)', (text, reason) => {
    expect(parseChatMessage(stanza(text))).toEqual({ ok: false, reason });
  });

  it('keeps an empty body, treats a missing type as normal, and ignores a bad delay stamp', () => {
    const result = parseChatMessage(stanza('<message from="a@b"><body></body><delay xmlns="urn:xmpp:delay" from="b" stamp="nonsense"/></message>'), { now: () => 42, delayFrom: 'b' });
    expect(result).toMatchObject({ ok: true, message: { body: '', at: 42 } });
  });

  it('reads a shared file address (XEP-0066), http(s) only', () => {
    const withOob = (url: string) => parseChatMessage(xml('message', { type: 'chat', from: 'a@b/r' }, xml('body', {}, url), xml('x', { xmlns: 'jabber:x:oob' }, xml('url', {}, url))));
    expect(withOob('https://up.example/f/a%20b.png')).toMatchObject({ ok: true, message: { file: 'https://up.example/f/a%20b.png' } });
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'not a url']) {
      const result = withOob(bad);
      expect(result.ok && result.message.file).toBeUndefined();
    }
  });

  it('cuts a huge body and says so at its end', () => {
    const element = xml('message', { type: 'chat', from: 'a@b' }, xml('body', {}, 'x'.repeat(100_000)));
    const result = parseChatMessage(element);
    const body = result.ok ? result.message.body : '';
    expect(body.length).toBe(MAX_BODY_CHARS);
    expect(body).toMatch(/^x+\n\[… natter keeps 65,536 characters of a message; this one had 100,000\]$/);
  });
});

describe('buildChatMessage', () => {
  it('carries the body, an origin-id equal to the id, a receipt request and the active chat state', () => {
    expect(buildChatMessage('bob@example.org', 'a < b', 'id1').toString()).toBe(
      '<message type="chat" to="bob@example.org" id="id1"><body>a &lt; b</body><origin-id xmlns="urn:xmpp:sid:0" id="id1"/><request xmlns="urn:xmpp:receipts"/><active xmlns="http://jabber.org/protocol/chatstates"/></message>',
    );
  });
});
