import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_AVATAR_BYTES, validHash } from '../../xmpp/features/avatar/avatar.js';

/** The SHA-1 of image bytes in hex: XEP-0084's item id and XEP-0153's photo hash. */
export const sha1Hex = (bytes: Buffer): string => createHash('sha1').update(bytes).digest('hex');

/** Avatars by hash on disk: fetched once, read again at every /info. */
export interface AvatarCache {
  /** The bytes cached under `hash`, if any (and they still hash to it). */
  get(hash: string): Promise<Buffer | undefined>;
  /** Keeps `bytes` under `hash` when they hash to it; false (nothing written) when they do not. */
  put(hash: string, bytes: Buffer): Promise<boolean>;
}

/**
 * The cache in `dir` ($XDG_CACHE_HOME/natter/avatars): made 0700 (whose avatars one looks at is
 * nobody else's business), files 0600, written whole (a temp file renamed). A file is named only
 * by a hash validHash accepted, never by a string from the network.
 */
export function avatarCache(dir: string): AvatarCache {
  const fileOf = (hash: string): string | undefined => {
    const valid = validHash(hash);
    return valid && join(dir, valid);
  };
  return {
    async get(hash) {
      const file = fileOf(hash);
      if (!file) return undefined;
      try {
        if ((await stat(file)).size > MAX_AVATAR_BYTES) return undefined;
        const bytes = await readFile(file);
        return sha1Hex(bytes) === validHash(hash) ? bytes : undefined;
      } catch {
        return undefined;
      }
    },
    async put(hash, bytes) {
      const file = fileOf(hash);
      if (!file || sha1Hex(bytes) !== validHash(hash) || bytes.length > MAX_AVATAR_BYTES) return false;
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await chmod(dir, 0o700);
      const temp = `${file}.${randomBytes(6).toString('hex')}.part`;
      await writeFile(temp, bytes, { mode: 0o600 });
      await rename(temp, file);
      return true;
    },
  };
}
