import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

it('scrolled back, the view holds still while messages arrive and says how many are below; Alt-End shows them', async () => {
  const { a, b, bob, natter } = await natterAndBob(info, cleanup, { cols: 100, rows: 24 });
  for (let i = 0; i < 40; i++) await bob.send(a.jid, `early ${i}`);
  await natter.waitForText(`2:${b.jid}`);
  natter.press('alt-2');
  await natter.waitForText('early 39');
  natter.press('pageup');
  await natter.waitForText('early 5\n');
  // The bottom row comes last in a frame: once it says so, the whole scrolled frame is drawn.
  await natter.waitForText('scrolled up');
  const before = (await natter.screen()).slice(1, 20).join('\n');

  await bob.send(a.jid, 'late one');
  await bob.send(a.jid, 'late two');
  await natter.waitForText('2 new below · Alt-End');
  const after = (await natter.screen()).slice(1, 19).join('\n');
  // Every row above the marker is where it was.
  expect(before.startsWith(after), `before:\n${before}\nafter:\n${after}`).toBe(true);
  expect(await natter.screenText()).not.toContain('late two');

  natter.press('alt-end');
  await natter.waitForText('late two');
  expect(await natter.screenText()).not.toContain('new below');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
