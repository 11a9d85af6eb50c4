import { expect, it } from 'vitest';
import { natterCaps } from '../disco/caps.js';
import { buildInitialPresence } from './build.js';

it('carries the XEP-0115 caps element in initial presence', () => {
  const c = buildInitialPresence().getChild('c', 'http://jabber.org/protocol/caps');
  expect(c?.attrs).toEqual({ xmlns: 'http://jabber.org/protocol/caps', hash: 'sha-1', node: natterCaps().node, ver: natterCaps().ver });
});

it('carries show, status and priority when chosen, nothing of them for plain online', () => {
  const away = buildInitialPresence({ show: 'away', status: 'lunch', priority: -5 });
  expect([away.getChildText('show'), away.getChildText('status'), away.getChildText('priority')]).toEqual(['away', 'lunch', '-5']);
  expect(away.getChild('c', 'http://jabber.org/protocol/caps')).toBeDefined();
  const online = buildInitialPresence({ show: 'online', priority: 0 });
  expect(online.children.map((c) => (typeof c === 'string' ? c : c.name))).toEqual(['c']);
});
