import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';
import { natterPaths } from './paths.js';
import { configSchema } from './schema.js';
import { MAX_PRIORITY, MAX_STATUS_CHARS, MIN_PRIORITY, OWN_SHOWS } from '../domain/own-presence.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function pathsWith(content?: string) {
  const root = mkdtempSync(join(tmpdir(), 'natter-config-'));
  roots.push(root);
  const paths = natterPaths({ HOME: root, XDG_CONFIG_HOME: join(root, 'cfg') });
  if (content !== undefined) {
    mkdirSync(paths.configDir, { recursive: true });
    writeFileSync(paths.configFile, content);
  }
  return paths;
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses the XDG config dir and fills in defaults', () => {
    const paths = pathsWith();
    expect(paths.configFile).toMatch(/cfg\/natter\/config\.json$/);
    const config = loadConfig(paths);
    expect(config.get('ui')).toEqual({ rosterVisible: true, rosterWidth: 24, notify: 'off', theme: {}, keys: {}, nickColours: true, focusReporting: true });
    expect(config.get('aliases')).toEqual({});
    expect(config.get('hooks')).toEqual({});
    expect(config.path).toBe(paths.configFile);
  });

  it('names the file for broken JSON and leaves it untouched', () => {
    const paths = pathsWith('{"ui": ');
    const error = errorOf(() => loadConfig(paths));
    expect(error.message).toContain(paths.configFile);
    expect(error.message).toContain('not valid JSON');
    expect(readFileSync(paths.configFile, 'utf8')).toBe('{"ui": ');
  });

  it('names the file and the key for a wrong type, and leaves it untouched', () => {
    const content = '{"ui": {"rosterWidth": "wide"}}';
    const paths = pathsWith(content);
    const error = errorOf(() => loadConfig(paths));
    expect(error.message).toContain(paths.configFile);
    expect(error.message).toContain('key ui.rosterWidth must be integer');
    expect(readFileSync(paths.configFile, 'utf8')).toBe(content);
  });

  it('takes ui.nickColours as true, false, "red-green" or "blue", and names the key for anything else', () => {
    expect(loadConfig(pathsWith('{"ui": {"nickColours": "blue"}}')).get('ui').nickColours).toBe('blue');
    expect(loadConfig(pathsWith('{"ui": {"nickColours": false}}')).get('ui').nickColours).toBe(false);
    const error = errorOf(() => loadConfig(pathsWith('{"ui": {"nickColours": "rainbow"}}')));
    expect(error.message).toContain('ui.nickColours');
  });

  it('takes ui.focusReporting as true or false (default true), and names the key for anything else', () => {
    expect(loadConfig(pathsWith('{"ui": {"focusReporting": false}}')).get('ui').focusReporting).toBe(false);
    const error = errorOf(() => loadConfig(pathsWith('{"ui": {"focusReporting": "off"}}')));
    expect(error.message).toContain('key ui.focusReporting must be boolean');
  });

  it('refuses a password stored in an account', () => {
    const content = JSON.stringify({ accounts: { 'alice@example.org': { password: 'hunter2' } } });
    const error = errorOf(() => loadConfig(pathsWith(content)));
    expect(error.message).toContain('key accounts.alice@example.org.password must NOT have additional properties');
    expect(error.message).not.toContain('hunter2');
  });

  it('checks every value set against the schema, and leaves the file as it was when one is refused', () => {
    const paths = pathsWith();
    const config = loadConfig(paths);
    config.set('aliases', { greet: '/msg bob hello' });
    const before = readFileSync(paths.configFile, 'utf8');
    expect(() => config.set('aliases', { greet: 'not a command' })).toThrow(/key aliases\.greet must match pattern/);
    expect(() => config.set('accounts', { 'bob@example.org': { password: 'hunter2' } } as never)).toThrow(/must NOT have additional properties/);
    expect(readFileSync(paths.configFile, 'utf8')).toBe(before);
    expect(config.get('aliases')).toEqual({ greet: '/msg bob hello' });
  });

  it('keeps an account with a host, a CA file and a password command (strings with a minimum length)', () => {
    const paths = pathsWith();
    const config = loadConfig(paths);
    const account = { host: 'chat.example.org', caFile: '/etc/ca.pem', passwordCommand: 'pass show xmpp/a' };
    config.set('accounts', { 'a@example.org': account });
    expect(loadConfig(paths).get('accounts')).toEqual({ 'a@example.org': account });
    expect(() => config.set('accounts', { 'a@example.org': { host: '' } })).toThrow(/must NOT have fewer than 1 characters/);
  });

  it('is checked by the validator generated from the current schema (npm run gen:config-validator)', async () => {
    const generator: string = '../../scripts/config-validator-source.mjs';
    const { validatorSource } = (await import(generator)) as { validatorSource(): Promise<string> };
    const committed = readFileSync(new URL('./validate-config.generated.ts', import.meta.url), 'utf8');
    expect(committed).toBe(await validatorSource());
  });

  it('keeps the last presence chosen per account, checked; restoring it at start is off unless asked', () => {
    const paths = pathsWith();
    const config = loadConfig(paths);
    expect(config.get('presence')).toEqual({ restoreLast: false, awayAfterMinutes: 0, xaAfterMinutes: 0, awayMessage: '' });
    config.set('accounts', { 'alice@example.org': { lastPresence: { show: 'away', status: 'lunch', priority: 5 } } });
    expect(() => config.set('accounts', { 'alice@example.org': { lastPresence: { show: 'busy', priority: 0 } } } as never)).toThrow(/key accounts\.alice@example\.org\.lastPresence\.show must be equal to one of the allowed values/);
    expect(() => config.set('accounts', { 'alice@example.org': { lastPresence: { show: 'away', priority: 200 } } })).toThrow(/lastPresence\.priority must be <= 127/);
    const error = errorOf(() => loadConfig(pathsWith('{"presence": {"restoreLast": "yes"}}')));
    expect(error.message).toContain('key presence.restoreLast must be boolean');
  });

  it('writes out the same presence limits as the domain (the schema file is read alone by the generator)', () => {
    const accounts = configSchema.accounts as { additionalProperties: { properties: { lastPresence: { properties: Record<string, Record<string, unknown>> } } } };
    const limits = accounts.additionalProperties.properties.lastPresence.properties;
    expect(limits.show?.enum).toEqual([...OWN_SHOWS]);
    expect(limits.status?.maxLength).toBe(MAX_STATUS_CHARS);
    expect([limits.priority?.minimum, limits.priority?.maximum]).toEqual([MIN_PRIORITY, MAX_PRIORITY]);
  });
});
