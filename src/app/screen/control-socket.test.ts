import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ok } from '../../commands/types.js';
import { controlSocketPath, startControlSocket } from './control-socket.js';
import { checkControlSocket } from './control-socket-checks.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('refuses, on both sides, a socket path longer than a Unix socket address holds, saying what to do', async () => {
  const root = mkdtempSync(join(tmpdir(), 'natter-ctl-'));
  dirs.push(root);
  const path = controlSocketPath(join(root, 'x'.repeat(100)));
  await expect(startControlSocket(path, async () => ok())).rejects.toThrow(/is \d+ bytes, more than the 107 a Unix socket address holds; set XDG_RUNTIME_DIR/);
  expect(checkControlSocket(path)).toMatchObject({ ok: false, missing: false, problem: expect.stringContaining('more than the 107') });
});

it('makes an open socket directory private again when it starts, and the client accepts it then', async () => {
  const root = mkdtempSync(join(tmpdir(), 'natter-ctl-'));
  dirs.push(root);
  const dir = join(root, 'run');
  mkdirSync(dir, { mode: 0o777 });
  const server = await startControlSocket(controlSocketPath(dir), async () => ok('pong'));
  try {
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(checkControlSocket(controlSocketPath(dir))).toEqual({ ok: true });
  } finally {
    await server.close();
  }
});
