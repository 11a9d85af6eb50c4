import { EventEmitter } from 'node:events';
import xml from '@xmpp/xml';
import { expect, it } from 'vitest';
import { traceText, traceXml, type TracePort, type XmlTraceEntry } from './trace.js';

const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const plainPayload = Buffer.from('\0alice\0s3cret').toString('base64');

it('hides SASL payloads in both directions and keeps the mechanism visible', () => {
  const auth = traceText(xml('auth', { xmlns: NS_SASL, mechanism: 'PLAIN' }, plainPayload));
  expect(auth).toBe(`<auth xmlns="${NS_SASL}" mechanism="PLAIN">[hidden]</auth>`);
  for (const name of ['response', 'challenge', 'success']) {
    expect(traceText(xml(name, { xmlns: NS_SASL }, 'cj1ub25jZSxwPXByb29m'))).toBe(`<${name} xmlns="${NS_SASL}">[hidden]</${name}>`);
  }
  // An empty payload says nothing secret and shows as it is.
  expect(traceText(xml('success', { xmlns: NS_SASL }))).toBe(`<success xmlns="${NS_SASL}"/>`);
});

it('hides a password anywhere in a stanza (XEP-0077, room passwords) and leaves the rest', () => {
  const register = xml('iq', { type: 'set', id: 'r1' }, xml('query', { xmlns: 'jabber:iq:register' }, xml('username', {}, 'alice'), xml('password', {}, 's3cret')));
  const text = traceText(register);
  expect(text).not.toContain('s3cret');
  expect(text).toContain('<username>alice</username><password>[hidden]</password>');
  const join = traceText(xml('presence', { to: 'room@muc/alice' }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' }, xml('password', {}, 'roomsecret'))));
  expect(join).not.toContain('roomsecret');
});

it('shows other stanzas unchanged, escaped as XML', () => {
  const message = xml('message', { to: 'bob@example.org', type: 'chat' }, xml('body', {}, 'a < b & "c"'));
  expect(traceText(message)).toBe(message.toString());
  // Not a SASL element: an <auth/> of another namespace is left as it is.
  expect(traceText(xml('auth', { xmlns: 'jabber:iq:auth' }, 'x'))).toContain('>x</auth>');
});

it('reports elements received and sent until stopped', () => {
  const port = new EventEmitter() as EventEmitter & TracePort;
  const seen: XmlTraceEntry[] = [];
  const stop = traceXml(port, (entry) => seen.push(entry));
  port.emit('element', xml('presence', { from: 'bob@example.org' }));
  port.emit('send', xml('auth', { xmlns: NS_SASL, mechanism: 'PLAIN' }, plainPayload));
  stop();
  port.emit('element', xml('presence', {}));
  expect(seen).toEqual([
    { direction: 'in', xml: '<presence from="bob@example.org"/>' },
    { direction: 'out', xml: `<auth xmlns="${NS_SASL}" mechanism="PLAIN">[hidden]</auth>` },
  ]);
});
