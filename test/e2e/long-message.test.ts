import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

it('a 100,000-character message shows its start and a note; /expand shows all natter kept (64 Ki characters, and says so); /expand off cuts it again', async () => {
  const { a, b, bob, natter } = await natterAndBob(info, cleanup);

  const body = `FIRST ${'lorem ipsum '.repeat(8_332)}xxxxxxLAST`;
  expect(body.length).toBe(100_000);
  await bob.send(a.jid, body);
  await bob.send(a.jid, 'and a short one');
  await natter.waitForText(`2:${b.jid}`);
  natter.press('alt-2');
  await natter.waitForText('… long message (65,536 characters): /expand shows it all');
  let screen = await natter.screenText();
  expect(screen).toContain('FIRST lorem ipsum');
  expect(screen).toContain('and a short one');
  expect(screen).not.toContain('LAST');

  // The input line still answers at once.
  natter.type('/expand');
  await natter.waitForText('> /expand');
  natter.press('enter');
  await natter.waitForText('[… natter keeps 65,536 characters of a message; this one had 100,000]');
  screen = await natter.screenText();
  expect(screen).not.toContain('… long message');
  expect(screen).not.toContain('LAST');
  expect(screen).toContain('and a short one');

  natter.type('/expand off');
  natter.press('enter');
  await natter.waitForText('… long message (65,536 characters)');
  expect(await natter.screenText()).not.toContain('LAST');
  natter.type('/quit');
  natter.press('enter');
  expect((await natter.waitForExit()).exitCode).toBe(0);
});
