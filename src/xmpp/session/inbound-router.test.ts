import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { fakeSession } from './fake-session.js';

const el = (text: string) => parse(text) as unknown as Element;
const carbon = (from: string, kind: string, inner: string) =>
  el(`<message from="${from}" to="me@x/t"><${kind} xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">${inner}</forwarded></${kind}></message>`);
const result = (from: string, queryId: string, id: string, body: string) =>
  el(`<message from="${from}" to="me@x/t"><result xmlns="urn:xmpp:mam:2" queryid="${queryId}" id="${id}"><forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="2026-01-01T00:00:00Z"/><message from="bob@x/p" to="me@x" type="chat"><body>${body}</body></message></forwarded></result></message>`);

describe('the inbound router', () => {
  it('hands on messages and carbons (forwarding off, oriented) and presences, in arrival order', () => {
    const session = fakeSession('me@x');
    const seen: string[] = [];
    session.onMessage((m) => seen.push(`${m.via}${m.via === 'carbon' ? (m.sent ? ' sent' : ' received') : ''}: ${m.stanza.getChildText('body')}`));
    session.onPresence((p) => seen.push(`presence ${String(p.attrs.from)}`));
    session.receive(el('<message from="bob@x/p" type="chat"><body>live</body></message>'));
    session.receive(el('<presence from="bob@x/p"/>'));
    session.receive(carbon('me@x', 'received', '<message from="bob@x/p" type="chat"><body>copy</body></message>'));
    session.receive(carbon('ME@x', 'sent', '<message to="bob@x" type="chat"><body>mine</body></message>'));
    expect(seen).toEqual(['live: live', 'presence bob@x/p', 'carbon received: copy', 'carbon sent: mine']);
  });

  it('rejects a carbon not from the account (XEP-0280 §11): no feature sees it', () => {
    const session = fakeSession('me@x');
    const seen: string[] = [];
    session.onMessage((m) => seen.push(m.stanza.getChildText('body') ?? ''));
    session.receive(carbon('mallory@x', 'received', '<message from="bob@x/p" type="chat"><body>forged</body></message>'));
    expect(seen).toEqual([]);
    expect(session.rejected).toEqual(['spoofed carbon from mallory@x']);
  });

  it('gives archive results to the query that asked, a forged one as rejected, and drops results nobody asked for', () => {
    const session = fakeSession('me@x');
    const q1: string[] = [];
    const stop = session.onArchive('q1', (r) => q1.push(r.via === 'archive' ? `${r.archiveId} ${r.stanza.getChildText('body')}` : `rejected: ${r.reason}`));
    const messages: string[] = [];
    session.onMessage((m) => messages.push(m.via));
    session.receive(result('me@x', 'q1', 'a1', 'old'));
    session.receive(result('mallory@x', 'q1', 'a2', 'forged'));
    session.receive(result('me@x', 'q2', 'a3', 'not asked'));
    stop();
    session.receive(result('me@x', 'q1', 'a4', 'late'));
    expect(q1).toEqual(['a1 old', "rejected: archive result from mallory@x, not from the account's own archive"]);
    expect(messages).toEqual([]);
    expect(session.rejected).toEqual([]);
  });

  it('runs its steps first, in order: a step may change a message or drop it (where decryption goes)', () => {
    const session = fakeSession('me@x');
    const seen: string[] = [];
    session.use((m) => (m.stanza.getChildText('body') === 'secret' ? undefined : m));
    session.use((m) => ({ ...m, stanza: el(`<message from="bob@x/p"><body>${String(m.stanza.getChildText('body')).toUpperCase()}</body></message>`) }));
    session.onMessage((m) => seen.push(m.stanza.getChildText('body') ?? ''));
    session.receive(el('<message from="bob@x/p" type="chat"><body>secret</body></message>'));
    session.receive(el('<message from="bob@x/p" type="chat"><body>plain</body></message>'));
    expect(seen).toEqual(['PLAIN']);
  });
});
