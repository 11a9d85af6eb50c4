import { afterEach, expect, inject, it } from 'vitest';
import { writeRoster } from '../../bench/roster-file.js';
import { registerAccount } from '../support/prosody.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { spawnNatter } from '../support/pty.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

it('a 2,000-contact roster: drawn by group, scrolled with Alt-PageDown, filtered, and folded', async () => {
  const a = await registerAccount(info, `roster${process.pid}${Date.now() % 100000}`);
  writeRoster(info.dir, 'localhost', a.local, 2000);
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const natter = spawnNatter({
    cols: 120,
    rows: 30,
    args: [...login.args],
  });
  cleanup.push(() => natter.dispose());
  await natter.waitForText('▾ bench (0/2000)');
  await natter.waitForText('contact0000');
  const first = await natter.screen();
  expect(first).toHaveLength(30); // the frame never grows past the terminal
  expect(first.join('\n')).not.toContain('contact0100');

  natter.press('alt-pagedown');
  await natter.waitForText('contact0030');
  expect(await natter.screenText()).not.toContain('contact0000');

  natter.press('alt-r');
  await natter.waitForText('> /roster filter');
  natter.type('act1999\r');
  await natter.waitForText('Roster /act1999');
  await natter.waitForText('contact1999');
  expect(await natter.screenText()).not.toContain('contact0030');

  natter.type('/roster filter\r');
  natter.type('/roster group bench\r');
  await natter.waitForText('▸ bench (0/2000)');
  expect(await natter.screenText()).not.toMatch(/contact\d{4}/);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
