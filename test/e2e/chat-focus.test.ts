import type { Element } from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { spawnNatter } from '../support/pty.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

const NS = 'http://jabber.org/protocol/chatstates';
const states = (stanzas: Element[]): string[] =>
  stanzas.filter((s) => s.getChildText('body') === null).map((s) => s.children.find((c): c is Element => typeof c !== 'string' && c.attrs.xmlns === NS)?.name ?? '').filter(Boolean);

it('chat states follow the tab (XEP-0085): inactive when the person leaves the chat, active on return, gone on /close', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('alice')), registerAccount(info, uniqueLocal('bob'))]);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const natter = spawnNatter({ cols: 100, rows: 30, args: login.args });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a.jid}: online`);
  natter.type(`/msg ${b.jid} hi bob`);
  natter.press('enter');
  await bob.waitForMessage((m) => m.body === 'hi bob');

  natter.press('alt-1');
  await bob.waitForStanza((s) => s.getChild('inactive', NS) !== undefined);
  natter.press('alt-2');
  await bob.waitForStanza((s) => s.getChild('active', NS) !== undefined && s.getChildText('body') === null);
  natter.type('/close');
  natter.press('enter');
  await bob.waitForStanza((s) => s.getChild('gone', NS) !== undefined);
  expect(states(bob.stanzas)).toEqual(['inactive', 'active', 'gone']);
  natter.type('/quit');
  natter.press('enter');
  expect((await natter.waitForExit()).exitCode).toBe(0);
});
