// npm run demo: a private Prosody on 127.0.0.1, an echo bot in alice's roster, and natter
// logged in as alice, which says hello to the bot; the bot's answer says what to do next, on
// the screen (anything printed here before natter starts is hidden by its full screen).
// Nothing is written outside a temporary directory, which is removed at the end.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function ensureProsody() {
  if (spawnSync('sh', ['-c', 'command -v prosody && command -v prosodyctl'], { stdio: 'ignore' }).status === 0) return true;
  const line = 'apt-get install -y prosody';
  if (process.getuid?.() !== 0) {
    console.error(`natter demo: the demo needs the Debian package prosody. Install it with:\n  sudo ${line}`);
    return false;
  }
  console.error(`natter demo: installing prosody (${line}) ...`);
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  return spawnSync('apt-get', ['install', '-y', '-qq', 'prosody'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
}

if (!ensureProsody()) process.exit(1);

const { startProsody } = await import(join(root, 'dist/test/support/prosody.js'));
const { connectPeer } = await import(join(root, 'dist/test/support/xmpp-peer.js'));
const { makeContacts } = await import(join(root, 'dist/test/support/contacts.js'));

const home = mkdtempSync(join(tmpdir(), 'natter-demo-'));
const server = await startProsody();
let bot;
let exitCode = 1;
try {
  const alice = await server.register('alice', 'alice-demo-password');
  const echo = await server.register('echo', 'echo-demo-password');
  // Each in the other's roster (subscription both), as after a request both approved.
  makeContacts(server, alice, echo);
  bot = await connectPeer(server, echo);
  const told = new Set();
  const answer = async (from, body) => {
    await bot.send(from, `echo: ${body}`);
    if (told.has(from)) return;
    told.add(from);
    await bot.send(from, 'I am the demo echo bot: write anything here and I send it back. ' +
      `In any tab, /msg ${echo.jid} TEXT writes to me too; /help lists the commands, Alt-H the keys, /quit leaves.`);
  };
  bot.onMessage(({ from, body }) => void answer(from, body).catch(() => undefined));

  const passwordFile = join(home, 'alice.password');
  writeFileSync(passwordFile, `${alice.password}\n`, { mode: 0o600 });
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_STATE_HOME: join(home, 'state'),
  };
  const natter = spawn(
    process.execPath,
    [join(root, 'bin/natter.js'), '--jid', alice.jid, '--host', '127.0.0.1', '--port', String(server.c2sPort),
      '--ca-file', server.caFile, '--password-command', `cat '${passwordFile}'`,
      // Opens the chat with the bot, in front, and shows in the console how it was done.
      '--cmd', `/msg ${echo.jid} hello`],
    { stdio: 'inherit', env },
  );
  exitCode = await new Promise((resolve) => natter.on('exit', (code) => resolve(code ?? 1)));
} finally {
  await bot?.stop().catch(() => undefined);
  await server.stop();
  rmSync(home, { recursive: true, force: true });
}
process.exit(exitCode);
