import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

const NS_CORRECT = 'urn:xmpp:message-correct:0';

/** The screen's rows that contain `text`. */
const rowsWith = (screen: string, text: string): string[] => screen.split('\n').filter((row) => row.includes(text));

it('a correction from bob naming the id of alice\'s message never rewrites alice\'s line (XEP-0308)', async () => {
  const { b, bob, natter } = await natterAndBob(info, cleanup, { cols: 120, rows: 40 });
  natter.type(`/msg ${b.jid} the original\r`);
  const original = await bob.waitForMessage((m) => m.body === 'the original');
  const aliceId = String(original.stanza.attrs.id);
  // bob's own messages: ten to fill the view around alice's, then one under alice's id.
  for (let i = 1; i <= 11; i++) await bob.send(original.stanza.attrs.from as string, `filler ${i}`);
  await bob.sendRaw(xml('message', { to: String(original.stanza.attrs.from), type: 'chat', id: aliceId }, xml('body', {}, 'bait')));
  await natter.waitForText(`${b.jid}: bait`);
  // alice looks at her message from the search: the ten messages after it are shown, not the bait.
  natter.type('/search original\r');
  await natter.waitForText(/\[1\] \d{4}-\d\d-\d\d .* the \[original\]/);
  natter.type('1\r');
  await natter.waitForText('── search result 1 below');
  await natter.waitForText(`${b.jid}: filler 10`);
  expect(await natter.screenText()).not.toContain('bait');
  // bob "corrects" his bait, whose id is alice's: nothing of alice's changes.
  await bob.sendRaw(xml('message', { to: String(original.stanza.attrs.from), type: 'chat', id: 'fix-1' }, xml('body', {}, 'hijacked'), xml('replace', { xmlns: NS_CORRECT, id: aliceId })));
  await bob.send(String(original.stanza.attrs.from), 'after the correction');
  await natter.waitForText(`${b.jid}: after the correction`);
  let screen = await natter.screenText();
  expect(screen).toContain('me: the original');
  expect(screen).not.toContain('hijacked');

  // alice corrects her message: her line changes, not bob's bait that carries the same id.
  natter.type(`/msg ${b.jid}\r`);
  natter.type('/close\r');
  await expect.poll(async () => (await natter.screenText()).includes(`2:${b.jid}`)).toBe(false);
  natter.type(`/msg ${b.jid}\r`);
  await natter.waitForText(`${b.jid}: after the correction`);
  natter.type('/correct the corrected\r');
  await bob.waitForMessage((m) => m.body === 'the corrected');
  await natter.waitForText('me: the corrected (edited)');
  // bob's receipt for alice's id marks alice's message, not his bait.
  await bob.sendRaw(xml('message', { to: String(original.stanza.attrs.from) }, xml('received', { xmlns: 'urn:xmpp:receipts', id: aliceId })));
  await natter.waitForText('✓✓ me: the corrected (edited)');
  screen = await natter.screenText();
  expect(screen).toContain(`${b.jid}: hijacked (edited)`); // bob's bait, corrected by bob: his own to correct
  expect(screen).not.toContain(`✓✓ ${b.jid}`);
  expect(rowsWith(screen, 'the corrected')).toHaveLength(1);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
