import { expect, it } from 'vitest';
import { natterCaps } from '../disco/caps.js';
import { buildInitialPresence } from './build.js';

it('carries the XEP-0115 caps element in initial presence', () => {
  const c = buildInitialPresence().getChild('c', 'http://jabber.org/protocol/caps');
  expect(c?.attrs).toEqual({ xmlns: 'http://jabber.org/protocol/caps', hash: 'sha-1', node: natterCaps().node, ver: natterCaps().ver });
});
