// npm run demo: a private Prosody on 127.0.0.1, an echo bot, and natter logged in as alice.
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

const home = mkdtempSync(join(tmpdir(), 'natter-demo-'));
const server = await startProsody();
let bot;
let exitCode = 1;
try {
  const alice = await server.register('alice', 'alice-demo-password');
  const echo = await server.register('echo', 'echo-demo-password');
  bot = await connectPeer(server, echo);
  bot.onMessage(({ from, body }) => bot.send(from, `echo: ${body}`));

  const passwordFile = join(home, 'alice.password');
  writeFileSync(passwordFile, `${alice.password}\n`, { mode: 0o600 });
  console.log(`natter demo: server on 127.0.0.1:${server.c2sPort}; in natter type  /msg ${echo.jid} hello`);
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
      '--ca-file', server.caFile, '--password-command', `cat '${passwordFile}'`],
    { stdio: 'inherit', env },
  );
  exitCode = await new Promise((resolve) => natter.on('exit', (code) => resolve(code ?? 1)));
} finally {
  await bot?.stop().catch(() => undefined);
  await server.stop();
  rmSync(home, { recursive: true, force: true });
}
process.exit(exitCode);
