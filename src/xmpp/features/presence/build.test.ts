import { expect, it } from 'vitest';
import { advertisedFeatures } from '../disco/advertised.js';
import { buildInitialPresence } from './build.js';

it('carries the XEP-0115 caps element of what the session advertised in initial presence', () => {
  const features = advertisedFeatures();
  features.advertise('urn:xmpp:receipts');
  const c = buildInitialPresence(features.caps()).getChild('c', 'http://jabber.org/protocol/caps');
  expect(c?.attrs).toEqual({ xmlns: 'http://jabber.org/protocol/caps', hash: 'sha-1', node: features.caps().node, ver: features.caps().ver });
});

it('carries show, status and priority when chosen, nothing of them for plain online', () => {
  const caps = advertisedFeatures().caps();
  const away = buildInitialPresence(caps, { show: 'away', status: 'lunch', priority: -5 });
  expect([away.getChildText('show'), away.getChildText('status'), away.getChildText('priority')]).toEqual(['away', 'lunch', '-5']);
  expect(away.getChild('c', 'http://jabber.org/protocol/caps')).toBeDefined();
  const online = buildInitialPresence(caps, { show: 'online', priority: 0 });
  expect(online.children.map((c) => (typeof c === 'string' ? c : c.name))).toEqual(['c']);
});
