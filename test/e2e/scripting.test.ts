import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, expect, inject, it } from 'vitest';
import { oneRunLogin } from '../support/one-run-login.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { NATTER_BIN, runNatter, spawnNatter, tempDirs } from '../support/pty.js';
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
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const dir = login.dir;
  writeFileSync(join(dir, 'start.txt'), `# greet bob first\n\n/msg ${b.jid} one from the script\n`);
  writeFileSync(join(dir, 'broken.txt'), `/msg ${b.jid} two from source\n# fine so far\n/frobnicate\n/msg ${b.jid} never sent\n`);

  const natter = spawnNatter({
    cols: 140,
    rows: 40,
    args: [
      ...login.args,
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

it('--cmd and --script run in the order given, after the startup file; the startup file runs again at each login', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('order-a')), registerAccount(info, uniqueLocal('order-b'))]);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const configHome = join(login.dir, 'config');
  mkdirSync(join(configHome, 'natter'), { recursive: true });
  writeFileSync(join(configHome, 'natter', 'startup'), `/msg ${b.jid} from the startup file\n`);
  writeFileSync(join(login.dir, 'second.txt'), `/msg ${b.jid} two from the script\n`);
  const natter = spawnNatter({
    cols: 140,
    rows: 30,
    env: { XDG_CONFIG_HOME: configHome },
    args: [...login.args, '--cmd', `/msg ${b.jid} one from cmd`, '--script', join(login.dir, 'second.txt'), '--cmd', `/msg ${b.jid} three from cmd`],
  });
  cleanup.push(() => natter.dispose());
  await bob.waitForMessage((m) => m.body === 'three from cmd');
  expect(bob.received.map((m) => m.body)).toEqual(['from the startup file', 'one from cmd', 'two from the script', 'three from cmd']);
  // A second login (the person disconnects and connects again): the startup file runs again, --cmd not.
  natter.press('alt-1');
  natter.type('/disconnect\r');
  await natter.waitForText(`${a.jid} is offline`);
  natter.type('/connect\r');
  await expect.poll(() => bob.received.length, { timeout: 10_000 }).toBe(5);
  expect(bob.received.map((m) => m.body)).toEqual(['from the startup file', 'one from cmd', 'two from the script', 'three from cmd', 'from the startup file']);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('natter ctl runs commands in the running natter, streams its events, and survives garbage on the socket', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('ctl-a')), registerAccount(info, uniqueLocal('ctl-b'))]);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const natter = spawnNatter({
    cols: 140,
    rows: 30,
    args: [...login.args],
  });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a.jid}: online`);
  const { home, config, data, runtime } = natter.dirs;
  const env = { HOME: home, XDG_CONFIG_HOME: config, XDG_DATA_HOME: data, XDG_RUNTIME_DIR: runtime };
  const socketPath = join(natter.dirs.runtime, 'natter', 'ctl.sock');
  expect(statSync(socketPath).mode & 0o777).toBe(0o600);
  expect(statSync(join(natter.dirs.runtime, 'natter')).mode & 0o777).toBe(0o700);

  const listed = await runNatter(['ctl', '/account list'], { env });
  expect(listed.code).toBe(0);
  expect(listed.stdout).toContain(`* ${a.jid}  online`);

  const sent = await runNatter(['ctl', `/msg ${b.jid} sent from a script`], { env });
  expect(sent.code).toBe(0);
  await bob.waitForMessage((m) => m.body === 'sent from a script');

  const bad = await runNatter(['ctl', '--json', '/frobnicate'], { env });
  expect(bad.code).toBe(1);
  expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: expect.stringContaining('Unknown command /frobnicate') });

  // Garbage and a half-written request, then a clean disconnect: natter answers and goes on.
  const raw = createConnection(socketPath);
  const garbage = new Promise<string>((resolve) => raw.once('data', (d) => resolve(d.toString())));
  raw.write('this is not json\n{"command": "/acc');
  expect(JSON.parse(await garbage)).toMatchObject({ ok: false, error: expect.stringContaining('one JSON object per line') });
  raw.destroy();

  // Events: a listener sees bob's next message as a JSON line.
  const events = spawn(process.execPath, [NATTER_BIN, 'ctl', '--events'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const firstEvent = new Promise<string>((resolve) => {
    let out = '';
    events.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.includes('"event":"message"') && l.includes('event please'));
      if (line) resolve(line);
    });
  });
  await new Promise<void>((resolve) => {
    let err = '';
    events.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('streaming events')) resolve();
    });
  });
  // A burst first: the screen draws it at most 20 times a second, so the history of the
  // message after it is not committed for a frame yet when its event is due.
  for (let i = 0; i < 20; i++) await bob.send(a.jid, `burst ${i}`);
  await bob.send(a.jid, 'event please');
  const event = JSON.parse(await firstEvent) as { peer: string; body: string; direction: string };
  expect(event).toMatchObject({ peer: b.jid, body: 'event please', direction: 'in' });
  // Told only once it is in the history: a script that reacts by reading it finds it.
  const db = new DatabaseSync(join(data, 'natter', 'history.sqlite'), { readOnly: true });
  expect(db.prepare('SELECT body FROM messages WHERE body = ?').all('event please')).toHaveLength(1);
  db.close();
  const exited = new Promise<number | null>((resolve) => events.once('exit', (code) => resolve(code)));
  events.kill('SIGINT');
  expect(await exited).toBe(0);

  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
  const after = await runNatter(['ctl', '/account list'], { env });
  expect(after.code).toBe(1);
  expect(after.stderr).toContain('no natter is running');
});

/** `natter ctl --events` against the natter whose dirs are in `env`: its events as parsed JSON, once it streams. */
async function streamEvents(env: Record<string, string>) {
  const child = spawn(process.execPath, [NATTER_BIN, 'ctl', '--events'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const events: Array<Record<string, unknown>> = [];
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const lines = out.split('\n');
    out = lines.pop() ?? '';
    for (const line of lines) events.push(JSON.parse(line) as Record<string, unknown>);
  });
  await new Promise<void>((resolve) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('streaming events')) resolve();
    });
  });
  return {
    events,
    async stop(): Promise<number | null> {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      return exited;
    },
  };
}

it("natter ctl --events streams one's own one-to-one messages, written in natter and on another device, as direction out", async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('ownev-a')), registerAccount(info, uniqueLocal('ownev-b'))]);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const natter = spawnNatter({ cols: 140, rows: 30, args: [...login.args] });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a.jid}: online`);
  const { home, config, data, runtime } = natter.dirs;
  const listener = await streamEvents({ HOME: home, XDG_CONFIG_HOME: config, XDG_DATA_HOME: data, XDG_RUNTIME_DIR: runtime });

  natter.type(`/msg ${b.jid} written in natter\r`);
  await bob.waitForMessage((m) => m.body === 'written in natter');
  natter.type('/correct written in natter, corrected\r');
  const correction = await bob.waitForMessage((m) => m.body === 'written in natter, corrected');
  const corrected = correction.stanza.getChild('replace', 'urn:xmpp:message-correct:0')?.attrs.id as string;
  // alice's phone writes to bob: natter hears of it as a carbon (XEP-0280).
  const phone = await connectPeer(info, a, 'phone');
  cleanup.push(() => phone.stop());
  await phone.send(b.jid, 'written on the phone');
  await bob.waitForMessage((m) => m.body === 'written on the phone');
  await natter.waitForText('me: written on the phone');
  await bob.send(a.jid, 'and a reply');
  await expect.poll(() => listener.events.filter((e) => e.event === 'message').length, { timeout: 10_000 }).toBe(4);
  expect(listener.events.filter((e) => e.event === 'message')).toEqual([
    expect.objectContaining({ account: a.jid, peer: b.jid, direction: 'out', body: 'written in natter' }),
    expect.objectContaining({ account: a.jid, peer: b.jid, direction: 'out', body: 'written in natter, corrected', corrects: corrected }),
    expect.objectContaining({ account: a.jid, peer: b.jid, direction: 'out', body: 'written on the phone' }),
    expect.objectContaining({ account: a.jid, peer: b.jid, direction: 'in', body: 'and a reply' }),
  ]);
  expect(await listener.stop()).toBe(0);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

it('aliases: defined, expanded with their arguments, kept in the config across runs, loops stopped', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('alias-a')), registerAccount(info, uniqueLocal('alias-b'))]);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const args = [...login.args];
  const first = spawnNatter({ cols: 140, rows: 30, args });
  cleanup.push(() => first.dispose());
  await first.waitForText(`${a.jid}: online`);
  first.type(`/alias ops = /msg ${b.jid} [ops] $*\r`);
  await first.waitForText(`/ops = /msg ${b.jid} [ops] $*`);
  // /ping is a command of its own (XEP-0199): the loop is made of names that are none.
  first.type('/alias tick = /tock\r');
  first.type('/alias tock = /tick\r');
  first.type('/tick\r');
  await first.waitForText('/tick: aliases expand into each other more than 8 times');
  first.type('/quit\r');
  expect((await first.waitForExit()).exitCode).toBe(0);

  const { home, config, data, runtime } = first.dirs;
  const second = spawnNatter({ cols: 140, rows: 30, args, env: { HOME: home, XDG_CONFIG_HOME: config, XDG_DATA_HOME: data, XDG_RUNTIME_DIR: runtime } });
  cleanup.push(() => second.dispose());
  await second.waitForText(`${a.jid}: online`);
  second.type('/ops deploy started\r');
  await bob.waitForMessage((m) => m.body === '[ops] deploy started');
  second.press('alt-1'); // /msg brought the chat to the front; command output is in the console
  second.type('/unalias ops\r');
  await second.waitForText('/ops removed');
  second.type('/quit\r');
  expect((await second.waitForExit()).exitCode).toBe(0);
});

it('event hooks run with the message in their environment, and OSC 777 notifies of a message in another tab', async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('hook-a')), registerAccount(info, uniqueLocal('hook-b'))]);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const dir = login.dir;
  const dirs = tempDirs();
  cleanup.push(() => dirs.remove());
  const seen = join(dir, 'seen.txt');
  mkdirSync(join(dirs.config, 'natter'), { recursive: true });
  writeFileSync(join(dirs.config, 'natter', 'config.json'), JSON.stringify({
    hooks: { message: ['/bin/sh', '-c', `printf '%s from %s' "$NATTER_BODY" "$NATTER_PEER" > '${seen}'`] },
    ui: { notify: 'osc777' },
  }));
  const natter = spawnNatter({
    cols: 140,
    rows: 30,
    env: dirs.env,
    args: [...login.args],
  });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a.jid}: online`);
  await bob.send(a.jid, 'deploy $(touch pwned) done');
  await expect.poll(() => (existsSync(seen) ? readFileSync(seen, 'utf8') : ''), { timeout: 10_000 }).toBe(`deploy $(touch pwned) done from ${b.jid}`);
  expect(existsSync(join(dirs.home, 'pwned'))).toBe(false);
  // The hook and the terminal notification are independent: the PTY may show it a moment later.
  await expect.poll(() => natter.output(), { timeout: 5_000 }).toContain(`\u001b]777;notify;natter;${b.jid}: deploy $(touch pwned) done\u0007`);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
