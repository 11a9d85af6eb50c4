import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { spawnNatter, tempDirs } from '../support/pty.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const read = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8') : '');

it('a stranger\'s 195 KB message (65,000 three-byte characters) runs the message hook with a bounded body and natter stays up', async () => {
  // Linux refuses one environment string over 128 KiB (E2BIG): natter keeps 65,536 characters
  // of a body, and 65,000 CJK characters are 195,000 bytes of UTF-8.
  const { a, b, bob, login, natter } = await natterAndBob(info, cleanup, {
    cols: 140,
    config: ({ loginDir }) => ({
      hooks: { message: ['/bin/sh', '-c', `printf '%s %s %s\\n' "$NATTER_PEER" "\${NATTER_BODY_TRUNCATED:-whole}" "$(printf %s "$NATTER_BODY" | wc -c)" >> '${join(loginDir, 'bodies.txt')}'`] },
    }),
  });
  const seen = join(login.dir, 'bodies.txt');
  await bob.send(a.jid, '中'.repeat(65_000));
  await natter.waitForText('NATTER_BODY was cut to 65,536 bytes');
  // 21,845 whole characters (65,535 bytes): a character is never split.
  await expect.poll(() => read(seen), { timeout: 10_000 }).toBe(`${b.jid} 1 65535\n`);
  await bob.send(a.jid, 'still there?');
  await expect.poll(() => read(seen), { timeout: 10_000 }).toBe(`${b.jid} 1 65535\n${b.jid} whole 12\n`);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

/**
 * natter's child processes whose command line names `marker`: each running hook is one
 * `/bin/sh SCRIPT` (its own children, forked before they exec, name the script too).
 */
const hookProcesses = (natterPid: number, marker: string): number => {
  let count = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
      if (parent === natterPid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) count++;
    } catch {
      // it ended between the listing and the read
    }
  }
  return count;
};

it('300 messages from a stranger start at most 4 hook processes at a time, 100 wait, the rest are counted in one console line', async () => {
  const { a, b, bob, login, natter } = await natterAndBob(info, cleanup, {
    cols: 140,
    config: ({ loginDir }) => ({ hooks: { message: ['/bin/sh', join(loginDir, 'gated-hook.sh')] } }),
  });
  // Each hook blocks opening a FIFO until the test opens it: the flood meets hooks that do not end.
  const script = join(login.dir, 'gated-hook.sh');
  const gate = join(login.dir, 'gate');
  const ran = join(login.dir, 'ran.txt');
  execFileSync('mkfifo', [gate]);
  // `timeout`: a hook left blocked when a failing test ends natter does not block for ever.
  writeFileSync(script, `timeout 20 sh -c ": < '${gate}'"\necho "$NATTER_BODY" >> '${ran}'\n`);
  chmodSync(script, 0o755);

  let most = 0;
  const sampler = setInterval(() => (most = Math.max(most, hookProcesses(natter.pid, script))), 20);
  cleanup.push(() => clearInterval(sampler));
  await bob.sendBatch(a.jid, Array.from({ length: 300 }, (_, i) => `flood ${i + 1}`));
  await natter.waitForText(`2:${b.jid} (300)`, 20_000);
  most = Math.max(most, hookProcesses(natter.pid, script));
  expect(most).toBe(4);

  // Open the gate (read-write: a FIFO opened so never blocks on Linux): the waiting hooks run.
  const fd = openSync(gate, 'r+');
  cleanup.push(() => closeSync(fd));
  await natter.waitForText(/hook message: (\d+) events ran no hook: 100 were waiting, natter's limit \(hooks start 10 a second, 4 at a time/, 20_000);
  const lines = (await natter.screenText()).split('\n').filter((line) => line.includes('ran no hook'));
  expect(lines).toHaveLength(1);
  const dropped = Number(/(\d+) events ran no hook/.exec(lines[0] ?? '')?.[1]);
  await expect.poll(() => read(ran).split('\n').filter(Boolean).length, { timeout: 20_000 }).toBe(300 - dropped);
  expect(dropped).toBeGreaterThan(0);
  expect(most).toBeLessThanOrEqual(4);

  // natter kept working: a new message runs its hook.
  await bob.send(a.jid, 'after the flood');
  await expect.poll(() => read(ran), { timeout: 10_000 }).toContain('after the flood\n');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('the archive catch-up at login runs no hook per archived message; a live message after it does', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('alice')), registerAccount(info, uniqueLocal('bob'))]);
  // 40 messages alice's phone received while natter was not running: in her archive only.
  const phone = await connectPeer(info, a, 'phone');
  cleanup.push(() => phone.stop());
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  await bob.sendBatch(a.jid, Array.from({ length: 40 }, (_, i) => `while away ${i + 1}`));
  await phone.waitForMessage((m) => m.body === 'while away 40');
  await phone.stop();

  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const dirs = tempDirs();
  cleanup.push(dirs.remove);
  const ran = join(login.dir, 'ran.txt');
  mkdirSync(join(dirs.config, 'natter'), { recursive: true });
  writeFileSync(join(dirs.config, 'natter', 'config.json'), JSON.stringify({ hooks: { message: ['/bin/sh', '-c', `echo "$NATTER_BODY" >> '${ran}'`] } }));
  const natter = spawnNatter({ cols: 120, rows: 30, args: login.args, env: dirs.env });
  cleanup.push(() => natter.dispose());
  await natter.waitForText('40 messages from the server archive');
  await bob.send(a.jid, 'live one');
  await expect.poll(() => read(ran), { timeout: 10_000 }).toContain('live one');
  expect(read(ran)).toBe('live one\n');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
