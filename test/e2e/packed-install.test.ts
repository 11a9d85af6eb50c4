// natter as a person installs it: the tarball `npm pack` makes, installed with `npm i -g` into
// a fresh prefix, started by the system's Node (Debian's 20 here), which is older than natter
// needs: bin/natter.js runs natter on the Node 24 the install brought (bin/bundled-node.js).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { oneRunLogin } from '../support/one-run-login.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { spawnNatter, tempDirs } from '../support/pty.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const root = new URL('../..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
/** The system's programs first (its node, npm), as in the person's shell: not the pinned Node 24 of npm scripts. */
const SYSTEM_PATH = ['/usr/local/bin', '/usr/bin', '/bin', ...(process.env.PATH ?? '').split(':')].join(':');
const systemNode = spawnSync('node', ['--version'], { env: { ...process.env, PATH: SYSTEM_PATH }, encoding: 'utf8' }).stdout.trim();
const [major = 0, minor = 0] = systemNode.slice(1).split('.').map(Number);
/** Whether the system's Node lacks node:sqlite without a flag (before 22.13 and 23.4), as Debian's 20 does. */
const systemNodeTooOld = !(major > 23 || (major === 23 && minor >= 4) || (major === 22 && minor >= 13));

const work = mkdtempSync(join(tmpdir(), 'natter-install-'));
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function system(program: string, args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(program, args, { cwd: work, env: { ...process.env, PATH: SYSTEM_PATH, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Installs the tarball into a fresh prefix with the system's npm; returns the installed bin. */
function install(tarball: string, prefix: string, ...flags: string[]): string {
  // The packages come from npm's cache when it has them (npm ci put the Node 24 package there).
  const installed = system('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', ...flags, tarball]);
  expect(installed.stderr).not.toMatch(/npm (error|ERR!)/);
  expect(installed.status).toBe(0);
  return join(prefix, 'bin', 'natter');
}

let tarball: string;
let natter: string;

beforeAll(() => {
  // npm test builds first (pretest); the pack takes that build as it is.
  expect(existsSync(join(root, 'dist/natter.mjs')), 'dist/natter.mjs is missing: run `npm run build` first').toBe(true);
  const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
  expect(packed.status, packed.stderr).toBe(0);
  const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: Array<{ path: string }> }];
  expect(files.map((f) => f.path)).toContain('dist/natter.mjs');
  tarball = join(work, filename);
  natter = install(tarball, join(work, 'prefix'));
}, 180_000);

describe(`the packed tarball installed with npm i -g and run by the system's Node (${systemNode})`, () => {
  it('prints its version and help on a pipe, nothing else', () => {
    const shown = system(natter, ['--version']);
    expect(shown).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
    const help = system(natter, ['--help']);
    expect(help.stderr).toBe('');
    expect(help.stdout).toContain('A keyboard-driven XMPP (Jabber) chat client for the terminal');
    expect(help.status).toBe(0);
  });

  it("ends with natter's own exit code", () => {
    const wrong = system(natter, ['--no-such-flag']);
    expect(wrong.stderr).toContain('Unknown flag');
    expect(wrong.status).toBe(2);
  });

  it('from a clone, bin/natter.js after a build runs the same way, quietly', () => {
    const shown = system('node', [join(root, 'bin/natter.js'), '--version']);
    expect(shown).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('opens the full screen on a terminal, logs in, and leaves on SIGTERM with exit code 0', async () => {
    const alice = await registerAccount(info, uniqueLocal('install'));
    const login = oneRunLogin(info, alice);
    cleanup.push(login.remove);
    const dirs = tempDirs();
    const screen = spawnNatter({ command: [natter], args: login.args, env: { ...dirs.env, PATH: SYSTEM_PATH } });
    cleanup.push(() => screen.dispose(), dirs.remove);
    await screen.waitForText(`${alice.jid}: online`, 20_000);
    expect(screen.bufferType()).toBe('alternate');
    screen.resize(90, 24); // the window's size reaches natter through the shared terminal
    await screen.waitForText(`${alice.jid}: online`);
    screen.kill('SIGTERM'); // to the process the shell started: it hands it on
    expect(await screen.waitForExit()).toEqual({ exitCode: 0 });
    expect(screen.bufferType()).toBe('normal');
  });

  it('natter listen without a terminal prints to a pipe, and SIGINT to it stops natter with exit code 0', async () => {
    const [alice, bob] = await Promise.all([registerAccount(info, uniqueLocal('install-a')), registerAccount(info, uniqueLocal('install-b'))]);
    const login = oneRunLogin(info, alice);
    const peer = await connectPeer(info, bob);
    const dirs = tempDirs();
    cleanup.push(login.remove, () => peer.stop(), dirs.remove);
    const child = spawn(natter, ['listen', ...login.args, bob.jid], { env: { ...process.env, ...dirs.env, PATH: SYSTEM_PATH }, stdio: ['ignore', 'pipe', 'pipe'] });
    cleanup.push(() => child.exitCode === null && child.kill('SIGTERM')); // handed on to natter, which leaves
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await expect.poll(() => err, { timeout: 20_000 }).toContain('listening as');
    await peer.send(alice.jid, 'through the bundled Node');
    await expect.poll(() => out, { timeout: 10_000 }).toBe(`${bob.jid}: through the bundled Node\n`);
    const exited = new Promise<[number | null, string | null]>((resolve) => child.once('exit', (code, signal) => resolve([code, signal])));
    child.kill('SIGINT');
    expect(await exited).toEqual([0, null]);
  });

  // Last: it takes the bundled Node away, as on a platform none is published for.
  it('without the Node 24 it brings, says what is missing and what to do', () => {
    const modules = join(work, 'prefix/lib/node_modules/natter/node_modules');
    for (const name of readdirSync(modules)) if (name.startsWith('node-')) rmSync(join(modules, name), { recursive: true, force: true });
    const run = system(natter, ['--version']);
    if (!systemNodeTooOld) return expect(run.status).toBe(0); // a Node new enough needs no bundled one
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`natter needs Node.js 22.13 or newer; this is Node ${systemNode.slice(1)}`);
    expect(run.stderr).toContain('Install natter again with its optional dependencies (npm install -g natter), or install Node.js 22.13 or newer.');
    expect(run.status).toBe(1);
  });
});
