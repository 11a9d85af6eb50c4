import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NATTER_BIN, spawnNatter, tempDirs, type PtySession } from '../support/pty.js';
import { requirePrograms } from '../support/run.js';

const sessions: PtySession[] = [];
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  sessions.splice(0).forEach((s) => s.dispose());
  for (const c of cleanup.splice(0)) await c();
});

describe('terminal types', () => {
  it.each([
    ['xterm-256color', true],
    ['screen-256color', true],
    ['linux', false],
  ])('TERM=%s: full layout, colours the terminal can show, clean exit', async (term, colours256) => {
    const dirs = tempDirs();
    cleanup.push(() => dirs.remove());
    // A theme colour outside the 16: shown as such where the terminal has 256 colours, else the nearest of the 16.
    mkdirSync(join(dirs.config, 'natter'), { recursive: true });
    writeFileSync(join(dirs.config, 'natter', 'config.json'), JSON.stringify({ ui: { theme: { prompt: '#ff8700' } } }));
    const natter = spawnNatter({ cols: 90, rows: 24, env: { ...dirs.env, TERM: term, COLORTERM: '' } });
    sessions.push(natter);
    await natter.waitForText('Your JID:');
    natter.press('escape');
    await natter.waitForText(/^> /m);
    // One command's help: the whole list is taller than 24 rows now.
    natter.type('/help quit\r');
    await natter.waitForText('Leave natter: go offline cleanly');
    const rows = await natter.screen();
    expect(rows[22]).toContain('natter | no account | console');
    expect(rows[23]).toMatch(/^>/);
    // The Linux console has 16 colours: no 256-colour or truecolor sequences are sent to it.
    // eslint-disable-next-line no-control-regex
    expect(/\u001b\[[0-9;]*[34]8;[25];/.test(natter.output())).toBe(colours256);
    natter.type('/quit\r');
    expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
    expect(natter.bufferType()).toBe('normal');
  });
});

describe('inside tmux', () => {
  it('draws the screen in a tmux pane, takes keys from tmux, and leaves the pane clean', async () => {
    requirePrograms(['tmux'], 'tmux');
    const dirs = tempDirs();
    const socket = `natter-test-${process.pid}`;
    const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
    cleanup.push(() => spawnSync('tmux', ['-L', socket, 'kill-server']), () => dirs.remove());
    const env = Object.entries(dirs.env).map(([k, v]) => `${k}='${v}'`).join(' ');
    tmux('new-session', '-d', '-s', 'natter', '-x', '100', '-y', '30', `env -u CI ${env} '${process.execPath}' '${NATTER_BIN}'; echo natter-exited-$?; sleep 30`);
    const pane = () => tmux('capture-pane', '-p', '-t', 'natter');
    await expect.poll(pane, { timeout: 15_000 }).toContain('Your JID:');
    expect(pane()).toContain('1:console');
    tmux('send-keys', '-t', 'natter', 'Escape');
    await expect.poll(pane, { timeout: 10_000 }).toMatch(/^>( |$)/m);
    tmux('send-keys', '-t', 'natter', '-l', '/help quit');
    tmux('send-keys', '-t', 'natter', 'Enter');
    await expect.poll(pane, { timeout: 10_000 }).toContain('Leave natter: go offline cleanly');
    const rows = pane().split('\n');
    expect(rows[28]).toContain('natter | no account | console'); // the status line is on the second-to-last row
    tmux('send-keys', '-t', 'natter', '-l', '/quit');
    tmux('send-keys', '-t', 'natter', 'Enter');
    await expect.poll(pane, { timeout: 10_000 }).toContain('natter-exited-0');
    expect(pane()).not.toContain('1:console'); // the alternate screen was left
  });
});
