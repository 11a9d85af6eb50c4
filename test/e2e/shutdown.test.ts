import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';
import { runNatter } from '../support/pty.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

// An SSH drop sends SIGHUP; kill and systemd send SIGTERM. Either must leave like /quit does.
it.each(['SIGHUP', 'SIGTERM'])('on %s natter says goodbye to contacts, keeps what it received, restores the terminal and exits 0', async (signal) => {
  const { a, b, bob, natter, dirs } = await natterAndBob(info, cleanup, { contacts: true });
  const isAlice = (p: { attrs: Record<string, string | undefined> }): boolean => p.attrs.from?.startsWith(`${a.jid}/`) === true;
  await bob.waitForPresence((p) => isAlice(p) && p.attrs.type === undefined);
  await bob.send(a.jid, `last words before ${signal}`);
  await natter.waitForText(`2:${b.jid}`);

  natter.kill(signal);
  await bob.waitForPresence((p) => isAlice(p) && p.attrs.type === 'unavailable');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
  expect(natter.bufferType()).toBe('normal');

  const found = await runNatter(['search', 'last', 'words', '--json'], { env: dirs.env });
  expect(found.code).toBe(0);
  expect(found.stdout).toContain(`last words before ${signal}`);
});
