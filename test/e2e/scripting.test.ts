import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, inject, it } from 'vitest';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { spawnNatter } from '../support/pty.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

it('--script, --cmd and /source run after login, in order, and stop at the first error naming its line', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('script-a')), registerAccount(info, uniqueLocal('script-b'))]);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const dir = mkdtempSync(join(tmpdir(), 'natter-script-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'pw'), `${a.password}\n`, { mode: 0o600 });
  writeFileSync(join(dir, 'start.txt'), `# greet bob first\n\n/msg ${b.jid} one from the script\n`);
  writeFileSync(join(dir, 'broken.txt'), `/msg ${b.jid} two from source\n# fine so far\n/frobnicate\n/msg ${b.jid} never sent\n`);

  const natter = spawnNatter({
    cols: 140,
    rows: 40,
    args: [
      '--jid', a.jid, '--host', info.host, '--port', String(info.c2sPort), '--ca-file', info.caFile, '--password-command', `cat '${join(dir, 'pw')}'`,
      '--script', join(dir, 'start.txt'),
      '--cmd', `/msg ${b.jid} three from cmd`,
      '--cmd', '/close',
      '--cmd', `/source ${join(dir, 'broken.txt')}`,
      '--cmd', `/msg ${b.jid} not after a failure`,
    ],
  });
  cleanup.push(() => natter.dispose());
  await natter.waitForText('✓ me: two from source'); // the chat tab is in front after /msg
  // Closed and reopened by the script: each message once, from the history.
  const chat = await natter.screenText();
  for (const body of ['one from the script', 'three from cmd', 'two from source']) expect(chat.split(body)).toHaveLength(2);
  natter.press('alt-1');
  await natter.waitForText(`${join(dir, 'broken.txt')}:3: Unknown command /frobnicate`);
  await natter.waitForText('stopped at line 3; the lines after it were not run.');
  await natter.waitForText('--cmd stopped: 1 command(s) after');
  for (const body of ['one from the script', 'three from cmd', 'two from source']) await bob.waitForMessage((m) => m.body === body);
  expect(bob.received.map((m) => m.body)).toEqual(['one from the script', 'three from cmd', 'two from source']);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
  expect(bob.received.map((m) => m.body)).not.toContain('never sent');
});
