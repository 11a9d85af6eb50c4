import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, inject, it } from 'vitest';
import { makeContacts } from '../support/contacts.js';
import { natterAndBob } from '../support/natter-and-bob.js';
import { SERVER_STREAM_HEADER, startPlainFakeServer } from '../support/plain-fake-server.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { spawnNatter, tempDirs } from '../support/pty.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

it('a server that sends an undefined entity before STARTTLS fails its own account only; the other stays online (issue 17, item 6)', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('alice')), registerAccount(info, uniqueLocal('bob'))]);
  makeContacts(info, a, b);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const server = await startPlainFakeServer(`${SERVER_STREAM_HEADER('example.localhost')}&bogus;<stream:features/>`);
  cleanup.push(() => server.stop());
  const port = server.port;
  const dirs = tempDirs();
  cleanup.push(dirs.remove);
  const pw = join(dirs.home, 'pw');
  writeFileSync(pw, `${a.password}\n`, { mode: 0o600 });
  mkdirSync(join(dirs.config, 'natter'), { recursive: true });
  writeFileSync(join(dirs.config, 'natter', 'config.json'), JSON.stringify({
    defaultAccount: a.jid,
    accounts: {
      [a.jid]: { host: info.host, port: info.c2sPort, caFile: info.caFile, passwordCommand: `cat '${pw}'` },
      'eve@example.localhost': { host: '127.0.0.1', port, caFile: info.caFile, passwordCommand: `cat '${pw}'` },
    },
  }));
  const natter = spawnNatter({ cols: 160, rows: 30, env: dirs.env });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a.jid}: online`);
  await natter.waitForText(/eve@example\.localhost: the server sent XML natter can not read/);
  await bob.send(a.jid, 'still with me?');
  await natter.waitForText(`[2:${b.jid} (1)]`);
  natter.press('alt-2');
  await natter.waitForText(`${b.jid}: still with me?`);
  natter.type('/quit');
  natter.press('enter');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
  expect(natter.bufferType()).toBe('normal');
});

it('a 20,000-deep element from a contact, with the XML console open, is read without what lies past depth 64 (issue 17, item 6)', async () => {
  const { a, b, bob, natter } = await natterAndBob(info, cleanup, { cols: 160, rows: 40, contacts: true });
  natter.type('/xmlconsole');
  natter.press('enter');
  await natter.waitForText(`2:xml ${a.jid}`);
  const depth = 20_000;
  // A headline: Prosody archives chat messages, and its archive refuses to store 1,000 levels.
  await bob.sendXml(`<message to='${a.jid}' type='headline' id='deep-1'><body>the deep one</body>${'<a>'.repeat(depth)}bottom${'</a>'.repeat(depth)}</message>`);
  await natter.waitForText('<body>the deep one</body><a><a>');
  await bob.send(a.jid, 'after the deep one');
  await natter.waitForText('<body>after the deep one</body>');
  natter.press('alt-3');
  await natter.waitForText(`${b.jid}: after the deep one`);
  natter.type('/quit');
  natter.press('enter');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('an exception nothing caught puts the terminal back, says what happened and exits 1', async () => {
  const dirs = tempDirs();
  cleanup.push(dirs.remove);
  // A fault injected from outside natter (node --import), as a bug would throw it: on SIGUSR2.
  const fault = join(dirs.home, 'fault.mjs');
  writeFileSync(fault, "process.on('SIGUSR2', () => setImmediate(() => { throw new Error('injected fault \\u001b]0;title\\u0007'); }));\n");
  const natter = spawnNatter({ cols: 100, rows: 30, env: { ...dirs.env, NODE_OPTIONS: `--import=${fault}` } });
  cleanup.push(() => natter.dispose());
  await natter.waitForText('Welcome to natter');
  expect(natter.bufferType()).toBe('alternate');
  natter.kill('SIGUSR2');
  const exit = await natter.waitForExit();
  expect(exit.exitCode).toBe(1);
  expect(natter.bufferType()).toBe('normal');
  const output = natter.output(); // focus reporting (DECSET 1004) is off again too
  expect(output.lastIndexOf('\u001b[?1004l')).toBeGreaterThan(output.lastIndexOf('\u001b[?1004h'));
  const text = await natter.screenText();
  expect(text).toContain('natter stopped on an internal error: Error: injected fault');
  expect(text).toContain('The history up to this moment is saved');
  expect(natter.output()).not.toContain('\u001b]0;title');
});
