import type { Element } from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

const NS = 'http://jabber.org/protocol/chatstates';
const states = (stanzas: Element[]): string[] =>
  stanzas.filter((s) => s.getChildText('body') === null).map((s) => s.children.find((c): c is Element => typeof c !== 'string' && c.attrs.xmlns === NS)?.name ?? '').filter(Boolean);

it('chat states follow the tab (XEP-0085): inactive when the person leaves the chat, active on return, gone on /close', async () => {
  const { b, bob, natter } = await natterAndBob(info, cleanup);
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
