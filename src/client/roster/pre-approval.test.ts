import { EventEmitter } from 'node:events';
import xml from '@xmpp/xml';
import { expect, it } from 'vitest';
import { NS_PRE_APPROVAL } from '../../xmpp/features/roster/pre-approval.js';
import { watchPreApproval } from './pre-approval.js';

const NS_STREAMS = 'http://etherx.jabber.org/streams';

it('reads pre-approval from the stream features of each login: offered after authentication, not before, and not on a server without it', () => {
  const client = new EventEmitter();
  const offered = watchPreApproval(client);
  client.emit('nonza', xml('stream:features', { 'xmlns:stream': NS_STREAMS }, xml('mechanisms', { xmlns: 'urn:ietf:params:xml:ns:xmpp-sasl' })));
  expect(offered()).toBe(false);
  client.emit('nonza', xml('stream:features', { 'xmlns:stream': NS_STREAMS }, xml('bind', { xmlns: 'urn:ietf:params:xml:ns:xmpp-bind' }), xml('sub', { xmlns: NS_PRE_APPROVAL })));
  expect(offered()).toBe(true);
  client.emit('nonza', xml('a', { xmlns: 'urn:xmpp:sm:3', h: '1' }));
  expect(offered()).toBe(true);
  // A later login on a server that no longer offers it.
  client.emit('nonza', xml('stream:features', { 'xmlns:stream': NS_STREAMS }, xml('bind', { xmlns: 'urn:ietf:params:xml:ns:xmpp-bind' })));
  expect(offered()).toBe(false);
});
