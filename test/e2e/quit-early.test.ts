import { afterEach, expect, inject, it } from 'vitest';
import { oneRunLogin } from '../support/one-run-login.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { spawnNatter, type PtySession } from '../support/pty.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

it.each([0, 1, 2, 3, 4, 5])('quits at once even in the middle of logging in (/quit after %i state changes)', async (spins) => {
  const a = await registerAccount(info, uniqueLocal('early'));
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const natter: PtySession = spawnNatter({ args: login.args });
  cleanup.push(() => natter.dispose());
  await natter.waitForText('1:console');
  // Reach a little further into the login each time: wait for that many redraws.
  for (let i = 0; i < spins; i++) await natter.waitForText(/connecting|securing|authenticating|online/, 2000).catch(() => undefined);
  natter.type('/quit\r');
  expect(await natter.waitForExit(5000)).toEqual({ exitCode: 0 });
});

it.each([0, 1, 2, 3])('quits at once while logging in with a chat tab open (%i state changes)', async (spins) => {
  const a = await registerAccount(info, uniqueLocal('early'));
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const natter: PtySession = spawnNatter({ args: login.args });
  cleanup.push(() => natter.dispose());
  await natter.waitForText('1:console');
  natter.type('/msg nobody@localhost\r');
  await natter.waitForText('2:nobody@localhost');
  for (let i = 0; i < spins; i++) await natter.waitForText(/connecting|securing|authenticating|online/, 2000).catch(() => undefined);
  natter.type('/quit\r');
  expect(await natter.waitForExit(5000)).toEqual({ exitCode: 0 });
});
