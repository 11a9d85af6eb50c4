import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { avatarCache, sha1Hex } from './avatar-cache.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const fresh = (): string => {
  const root = mkdtempSync(join(tmpdir(), 'natter-avatars-'));
  dirs.push(root);
  return join(root, 'natter', 'avatars');
};

it('keeps bytes under their SHA-1 in a 0700 dir, files 0600, and reads them back', async () => {
  const dir = fresh();
  const cache = avatarCache(dir);
  const bytes = Buffer.from('a picture');
  expect(await cache.put(sha1Hex(bytes), bytes)).toBe(true);
  expect(await cache.get(sha1Hex(bytes).toUpperCase())).toEqual(bytes);
  expect(statSync(dir).mode & 0o777).toBe(0o700);
  expect(statSync(join(dir, sha1Hex(bytes))).mode & 0o777).toBe(0o600);
  expect(readdirSync(dir)).toEqual([sha1Hex(bytes)]);
});

it('writes nothing for bytes that do not hash to the name, nor for a name that is not a hash', async () => {
  const dir = fresh();
  const cache = avatarCache(dir);
  expect(await cache.put(sha1Hex(Buffer.from('other')), Buffer.from('a picture'))).toBe(false);
  expect(await cache.put('../../escape', Buffer.from('a picture'))).toBe(false);
  expect(existsSync(dir)).toBe(false);
  expect(await cache.get('../../etc/passwd')).toBeUndefined();
});

it('does not return a cached file whose bytes changed on disk', async () => {
  const dir = fresh();
  const cache = avatarCache(dir);
  const bytes = Buffer.from('a picture');
  await cache.put(sha1Hex(bytes), bytes);
  writeFileSync(join(dir, sha1Hex(bytes)), 'tampered');
  expect(await cache.get(sha1Hex(bytes))).toBeUndefined();
});
