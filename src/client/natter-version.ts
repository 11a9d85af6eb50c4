import { readFileSync } from 'node:fs';

let cached: string | undefined;

/**
 * natter's version from its package.json, read once. The file is one level up from the
 * bundle (dist/natter.mjs), two from the sources (src/client) and three from the build
 * (dist/src/client): the first package.json named natter on the way up.
 */
export function natterVersion(): string {
  if (cached !== undefined) return cached;
  for (const up of ['../package.json', '../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'natter' && typeof pkg.version === 'string') return (cached = pkg.version);
    } catch {
      // not there: try the next level
    }
  }
  return (cached = 'unknown');
}
