import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { duration, kernelKeyringStore } from './kernel-keyring-store.js';
import { SecretStoreUnavailableError } from './secret-store.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function expiryFile(content: string): string {
  const root = mkdtempSync(join(tmpdir(), 'natter-expiry-'));
  roots.push(root);
  writeFileSync(join(root, 'persistent_keyring_expiry'), content);
  return join(root, 'persistent_keyring_expiry');
}

describe('kernelKeyringStore', () => {
  it('says where the password goes and for how long, from the kernel setting', () => {
    expect(kernelKeyringStore({ expiryFile: expiryFile('7200\n') }).lifetime).toBe(
      "your user's persistent keyring: it outlives this login, and is cleared at reboot or when natter has not used it for 2 hours",
    );
  });

  it('refuses to store anything on a kernel without persistent keyrings, where it would not outlive natter', async () => {
    const store = kernelKeyringStore({ service: 'natter-test', expiryFile: '/nonexistent/persistent_keyring_expiry' });
    expect(store.lifetime).toBeUndefined();
    const error = await store.set('x@localhost', 'pw').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretStoreUnavailableError);
    expect((error as Error).message).toBe(
      'kernel keyring is not available: this kernel keeps no persistent keyrings (/nonexistent/persistent_keyring_expiry is missing), so a password would not outlive natter',
    );
    await expect(store.get('x@localhost')).rejects.toBeInstanceOf(SecretStoreUnavailableError);
  });
});

describe('duration', () => {
  it('uses the largest whole unit', () => {
    expect(duration(259_200)).toBe('3 days');
    expect(duration(86_400)).toBe('1 day');
    expect(duration(7200)).toBe('2 hours');
    expect(duration(120)).toBe('2 minutes');
    expect(duration(90)).toBe('90 seconds');
  });
});
