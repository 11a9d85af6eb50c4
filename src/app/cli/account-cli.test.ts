import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { configuredAccounts } from '../../config/accounts.js';
import { loadConfig } from '../../config/load-config.js';
import { natterPaths } from '../../config/paths.js';
import { memoryStore } from '../../credentials/memory-store.js';
import { SecretStoreUnavailableError, type SecretStore } from '../../credentials/secret-store.js';
import { runAccountCommand } from './account-cli.js';
import { shellWord } from './account-password.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function setup(stores: SecretStore[], typed: string) {
  const root = mkdtempSync(join(tmpdir(), 'natter-account-'));
  roots.push(root);
  const paths = natterPaths({ HOME: root, XDG_CONFIG_HOME: join(root, 'cfg') });
  const config = loadConfig(paths);
  const err = new PassThrough();
  let said = '';
  err.on('data', (chunk: Buffer) => (said += chunk.toString()));
  const io = { out: new PassThrough(), err, readPassword: async () => typed };
  const add = (jid: string, extra: { host?: string; caFile?: string } = {}) =>
    runAccountCommand({ action: 'add', account: { jid, directTls: false, ...extra } }, config, stores, io);
  return { config, add, said: () => said };
}

const refusing = (name: string): SecretStore => ({
  name,
  get: async () => null,
  set: async () => {
    throw new SecretStoreUnavailableError(name, 'AccessDenied');
  },
  delete: async () => false,
});

describe('natter account add', () => {
  it('adds nothing when no store keeps the password', async () => {
    const { config, add, said } = setup([refusing('Secret Service'), refusing('kernel keyring')], 's3cret');
    expect(await add('a@b')).toBe(1);
    expect(configuredAccounts(config)).toEqual({});
    expect(config.get('defaultAccount')).toBeUndefined();
    expect(said()).toContain('natter: a@b was not added: its password could not be kept. The keychain is not available: Secret Service is not available: AccessDenied; kernel keyring is not available: AccessDenied\n');
    expect(said()).not.toContain('s3cret');
  });

  it('gives the command lines that add the account another way, with the options typed', async () => {
    const { add, said } = setup([refusing('Secret Service'), refusing('kernel keyring')], 's3cret');
    expect(await add('a@b', { host: 'chat.b', caFile: '/etc/my ca.pem' })).toBe(1);
    expect(said()).toContain(`natter account add a@b --host chat.b --ca-file '/etc/my ca.pem' --password-command 'pass show xmpp/a@b'\n`);
    expect(said()).toContain(`natter account add a@b --host chat.b --ca-file '/etc/my ca.pem', then press Enter at the password prompt\n`);
  });

  it('says where the password went and for how long when the store forgets it', async () => {
    const kernel = { ...memoryStore('kernel keyring'), lifetime: 'for a while' };
    const { config, add, said } = setup([refusing('Secret Service'), kernel], 's3cret');
    expect(await add('a@b')).toBe(0);
    expect(Object.keys(configuredAccounts(config))).toEqual(['a@b']);
    expect(await kernel.get('a@b')).toBe('s3cret');
    expect(said()).toContain('Password for a@b saved in the kernel keyring (for a while). For one that survives a reboot, run a Secret Service or use a passwordCommand');
  });

  it('takes the stored password back when the config cannot be written', async () => {
    const store = memoryStore('Secret Service');
    const { config, add, said } = setup([store], 's3cret');
    // Only the write fails (a full disk), after the password is stored; reading still works.
    let writes = 0;
    Object.assign(config, {
      set: () => {
        writes += 1;
        throw new Error('ENOSPC: no space left on device');
      },
    });
    expect(await add('a@b')).toBe(1);
    expect(writes).toBe(1);
    expect(await store.get('a@b')).toBeNull();
    expect(configuredAccounts(config)).toEqual({});
    expect(said()).toContain(`natter: a@b was not added: ${config.path} could not be written (ENOSPC: no space left on device); its password was not kept either.`);
  });

  it('writes the account and its being the default in one write', async () => {
    const { config, add } = setup([memoryStore('Secret Service')], 's3cret');
    const writes: unknown[] = [];
    const write = config.set.bind(config) as (what: object) => void;
    Object.assign(config, { set: (what: object) => (writes.push(what), write(what)) });
    expect(await add('a@b')).toBe(0);
    expect(writes).toEqual([{ accounts: { 'a@b': { enabled: true } }, defaultAccount: 'a@b' }]);
    expect(configuredAccounts(config)).toEqual({ 'a@b': { enabled: true } });
    expect(config.get('defaultAccount')).toBe('a@b');
  });

  it('adds the account without a password when Enter is pressed', async () => {
    const store = memoryStore('Secret Service');
    const { config, add, said } = setup([store], '');
    expect(await add('a@b')).toBe(0);
    expect(Object.keys(configuredAccounts(config))).toEqual(['a@b']);
    expect(said()).toContain('No password stored; natter will ask for it when it connects.');
  });
});

describe('shellWord', () => {
  it('quotes what the shell would split or expand', () => {
    expect(shellWord('/tmp/ca.pem')).toBe('/tmp/ca.pem');
    expect(shellWord("it's mine")).toBe(`'it'\\''s mine'`);
    expect(shellWord('$HOME')).toBe(`'$HOME'`);
  });
});
