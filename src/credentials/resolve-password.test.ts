import { describe, expect, it } from 'vitest';
import { memoryStore } from './memory-store.js';
import { resolvePassword } from './resolve-password.js';
import { SecretStoreUnavailableError, type SecretStore } from './secret-store.js';

const unavailable = (name: string): SecretStore => ({
  name,
  get: async () => {
    throw new SecretStoreUnavailableError(name, 'AccessDenied');
  },
  set: async () => undefined,
  delete: async () => false,
});

describe('resolvePassword', () => {
  it('takes the first store that has the password', async () => {
    const second = memoryStore('kernel keyring');
    await second.set('a@b', 'pw');
    expect(await resolvePassword('a@b', { stores: [memoryStore('Secret Service'), second] })).toEqual({
      ok: true,
      password: 'pw',
      source: 'kernel keyring',
      notices: [],
    });
  });

  it('notes an unavailable store and falls back to the password command', async () => {
    const result = await resolvePassword('a@b', { stores: [unavailable('Secret Service')], passwordCommand: 'echo from-cmd' });
    expect(result).toEqual({ ok: true, password: 'from-cmd', source: 'password command', notices: ['Secret Service is not available: AccessDenied'] });
  });

  it('asks the prompt last', async () => {
    const result = await resolvePassword('a@b', { stores: [], prompt: async () => 'typed' });
    expect(result).toMatchObject({ ok: true, password: 'typed', source: 'prompt' });
  });

  it('says what to do when there is no source', async () => {
    expect(await resolvePassword('a@b', { stores: [] })).toEqual({
      ok: false,
      reason: 'no password for a@b: store one with "natter account password a@b" or set a passwordCommand',
      notices: [],
    });
  });

  it('reports a failing password command without trying further sources', async () => {
    const result = await resolvePassword('a@b', { stores: [], passwordCommand: 'exit 3', prompt: async () => 'never' });
    expect(result).toMatchObject({ ok: false, reason: 'the password command exited with 3: exit 3' });
  });
});
