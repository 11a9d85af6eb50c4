import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialState } from '../../store/state.js';
import { completeLine } from '../complete.js';
import { fakeApi } from '../fake-api.js';
import type { ClientApi, CommandContext } from '../types.js';
import { createRegistry } from './index.js';

function setup(api: Partial<ClientApi>) {
  const registry = createRegistry();
  const ctx: CommandContext = { state: () => initialState(), registry, api: fakeApi(api) };
  return { registry, ctx };
}

describe('/avatar', () => {
  it('sets from a file (spaces and ~ as typed) and clears', async () => {
    const asked: string[] = [];
    const { registry, ctx } = setup({ setAvatar: async (file) => (asked.push(file), `set ${file}`), clearAvatar: async () => 'cleared' });
    expect(await registry.execute(ctx, '/avatar set /tmp/my face.png')).toEqual({ ok: true, text: 'set /tmp/my face.png' });
    expect(await registry.execute(ctx, '/avatar set ~/me.png')).toEqual({ ok: true, text: `set ${process.env.HOME}/me.png` });
    expect(await registry.execute(ctx, '/avatar clear')).toEqual({ ok: true, text: 'cleared' });
    expect(asked).toEqual(['/tmp/my face.png', `${process.env.HOME}/me.png`]);
  });

  it('bad input is one line and publishes nothing; a refusal is one line', async () => {
    const asked: string[] = [];
    const { registry, ctx } = setup({ setAvatar: async (file) => { asked.push(file); throw new Error("alice@x's server refused the avatar data (not-allowed); nothing else was changed"); } });
    expect(await registry.execute(ctx, '/avatar set')).toMatchObject({ ok: false, error: expect.stringContaining('Usage: /avatar set file') });
    expect(await registry.execute(ctx, '/avatar')).toMatchObject({ ok: false });
    expect(asked).toEqual([]);
    expect(await registry.execute(ctx, '/avatar set x.png')).toEqual({ ok: false, error: "/avatar set failed: alice@x's server refused the avatar data (not-allowed); nothing else was changed" });
  });

  it('completes sub-commands and file paths', () => {
    const dir = mkdtempSync(join(tmpdir(), 'natter-complete-'));
    try {
      mkdirSync(join(dir, 'pics'));
      const { registry, ctx } = setup({});
      expect(completeLine(registry, ctx, '/avatar s', 9)).toMatchObject({ candidates: ['set'] });
      expect(completeLine(registry, ctx, `/avatar set ${dir}/pi`, `/avatar set ${dir}/pi`.length)).toMatchObject({ candidates: [`${dir}/pics/`] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
