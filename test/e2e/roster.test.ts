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

it('a 2,000-contact roster: drawn by group, scrolled, filtered, a chat opened from it by keys, tabs switched, scrolled back, /jo completed, resized, folded, quit', async () => {
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

  // Open a chat from the roster by keys: Alt-Down selects the contact, Alt-Enter opens it.
  natter.press('alt-down');
  natter.press('alt-enter');
  await natter.waitForText('2:contact1999@localhost');
  for (let i = 0; i < 40; i++) natter.type(`line ${i}\r`);
  await natter.waitForText('me: line 39');
  // Alt-digits switch tabs; PageUp scrolls back in the chat, Alt-End comes back to the newest.
  natter.press('alt-1');
  await natter.waitForText('natter | ');
  await natter.waitForText(/\[1:console\]/);
  natter.press('alt-2');
  await natter.waitForText('me: line 39');
  natter.press('pageup');
  await natter.waitForText('me: line 5');
  await natter.waitForText('scrolled up'); // the bottom row: the scrolled frame is drawn whole
  expect(await natter.screenText()).not.toContain('me: line 39');
  natter.press('alt-end');
  await natter.waitForText('me: line 39');
  // Completion: /jo + Tab gives /join.
  natter.type('/jo');
  await natter.waitForText('> /jo');
  natter.press('tab');
  await natter.waitForText('> /join ');
  natter.type('\u0015');
  // A smaller terminal: the frame follows it and never grows past it.
  natter.resize(80, 20);
  await natter.waitForText('2:contact1999@localhost');
  // The status line moves to the new second-to-last row; the newest message is still in view.
  await expect.poll(async () => (await natter.screen()).findIndex((row) => row.includes('natter | '))).toBe(18);
  expect((await natter.screen()).slice(0, 18).some((row) => row.includes('me: line 39'))).toBe(true);

  natter.type('/roster filter\r');
  natter.type('/roster group bench\r');
  await natter.waitForText('▸ bench (0/2000)');
  expect(await natter.screenText()).not.toMatch(/│[ +!-] contact\d{4}/); // the roster pane lists none
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
