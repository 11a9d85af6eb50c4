import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { parseMessageError } from './parse-error.js';

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

  it('ignores other messages and errors without id', () => {
    expect(parseMessageError(xml('message', { type: 'chat', id: 'x' }))).toBeUndefined();
    expect(parseMessageError(xml('message', { type: 'error' }, xml('error')))).toBeUndefined();
    expect(parseMessageError(xml('message', { type: 'error', id: 'z' }))?.reason).toBe('refused by the server');
  });
});
