import { expect, it } from 'vitest';
import { advertisedFeatures } from '../disco/advertised.js';
import { buildInitialPresence } from './build.js';

it('carries the XEP-0115 caps element of what the session advertised in initial presence', () => {
  const features = advertisedFeatures();
  features.advertise('urn:xmpp:receipts');
  const c = buildInitialPresence(features.caps()).getChild('c', 'http://jabber.org/protocol/caps');
  expect(c?.attrs).toEqual({ xmlns: 'http://jabber.org/protocol/caps', hash: 'sha-1', node: features.caps().node, ver: features.caps().ver });
});
