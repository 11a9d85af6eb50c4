import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { keyringStore } from '../../src/credentials/keyring-store.js';
import { SecretStoreUnavailableError } from '../../src/credentials/secret-store.js';

const run = promisify(execFile);

// The global setup runs a private D-Bus session with an unlocked gnome-keyring; the
// developer's own keyring is never reached.
describe('keyring store (real Secret Service)', () => {
  const store = keyringStore({ service: 'natter-test' });
  const account = `alice-${process.pid}@localhost`;

  it('stores, reads back and deletes a password', async () => {
    expect(store.name).toBe('Secret Service');
    await store.set(account, 'pässwörd 🔑');
    expect(await store.get(account)).toBe('pässwörd 🔑');
    const { stdout } = await run('secret-tool', ['lookup', 'service', 'natter-test', 'username', account]).catch(
      async () => run('secret-tool', ['lookup', 'service', 'natter-test', 'account', account]),
    );
    expect(stdout).toBe('pässwörd 🔑');
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
  });

  it('reports an unreachable Secret Service (SSH: no session bus) as unavailable, fast', async () => {
    const script = `
      const { keyringStore } = await import(${JSON.stringify(new URL('../../dist/src/credentials/keyring-store.js', import.meta.url).href)});
      const started = Date.now();
      try { await keyringStore({ service: 'natter-test' }).get('x@localhost'); console.log('no error'); }
      catch (e) { console.log(JSON.stringify({ name: e.name, message: e.message, ms: Date.now() - started })); }`;
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env });
    const result = JSON.parse(stdout) as { name: string; message: string; ms: number };
    expect(result.name).toBe(new SecretStoreUnavailableError('x', 'y').name);
    expect(result.message).toMatch(/^Secret Service is not available: /);
    expect(result.ms).toBeLessThan(3000);
  });
});
