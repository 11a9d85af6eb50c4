import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { mayRefuse, MAX_ERROR_TEXT, parseMessageError, type MessageError } from './parse-error.js';

const NS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

describe('parseMessageError', () => {
  it('takes the id, the sender and the condition', () => {
    const stanza = xml('message', { type: 'error', id: 'o1', from: 'nobody@localhost' },
      xml('error', { type: 'cancel' }, xml('service-unavailable', { xmlns: NS })));
    expect(parseMessageError(stanza)).toEqual({ id: 'o1', peer: 'nobody@localhost', reason: 'service-unavailable' });
  });

  it('prefers the server text', () => {
    const stanza = xml('message', { type: 'error', id: 'o2', from: 'b@x' },
      xml('error', { type: 'modify' }, xml('policy-violation', { xmlns: NS }), xml('text', { xmlns: NS }, ' too long ')));
    expect(parseMessageError(stanza)?.reason).toBe('too long');
  });

  it('keeps at most MAX_ERROR_TEXT characters of the text', () => {
    const stanza = xml('message', { type: 'error', id: 'o3', from: 'b@x' },
      xml('error', { type: 'cancel' }, xml('text', { xmlns: NS }, `${'😀'.repeat(150)}${'x'.repeat(100_000)}`)));
    const reason = parseMessageError(stanza)?.reason ?? '';
    expect(Array.from(reason)).toHaveLength(MAX_ERROR_TEXT);
    expect(reason).toBe(`${'😀'.repeat(150)}${'x'.repeat(MAX_ERROR_TEXT - 151)}…`);
  });

  it('ignores other messages and errors without id', () => {
    expect(parseMessageError(xml('message', { type: 'chat', id: 'x' }))).toBeUndefined();
    expect(parseMessageError(xml('message', { type: 'error' }, xml('error')))).toBeUndefined();
    expect(parseMessageError(xml('message', { type: 'error', id: 'z' }))?.reason).toBe('refused by the server');
  });
});

describe('mayRefuse (RFC 6120 §8.3)', () => {
  const from = (jid: string): MessageError => parseMessageError(xml('message', { type: 'error', id: 'o1', ...(jid ? { from: jid } : {}) }, xml('error')))!;
  it('believes the bare JID the message went to (any of its resources), its domain, and our own server', () => {
    for (const jid of ['bob@example.org', 'Bob@Example.org/phone', 'example.org', 'example.org/bounce', 'home.example']) {
      expect(mayRefuse(from(jid), 'bob@example.org', 'alice@home.example'), jid).toBe(true);
    }
  });
  it('believes no one else: another user of either server, a lookalike domain, no sender', () => {
    for (const jid of ['carol@example.org/x', 'carol@home.example', 'bob@example.org.evil', 'evil.example.org', 'bob@evil', '']) {
      expect(mayRefuse(from(jid), 'bob@example.org', 'alice@home.example'), jid).toBe(false);
    }
  });
});
