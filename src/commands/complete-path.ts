import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Enough for Tab; a directory of 100,000 files must not stall the keyboard. */
const MAX_ENTRIES = 500;

/**
 * File names that complete `partial` (a path as typed; "~/" is the home directory and stays
 * as typed). Directories end with "/" so Tab can go on into them; dot files show only when the
 * name typed starts with a dot. An unreadable directory completes nothing.
 */
export function completePath(partial: string, home: string = homedir()): string[] {
  const slash = partial.lastIndexOf('/');
  const dirTyped = slash < 0 ? '' : partial.slice(0, slash + 1);
  const base = partial.slice(slash + 1);
  const dir = dirTyped === '' ? '.' : dirTyped.replace(/^~(?=\/)/, home);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).slice(0, MAX_ENTRIES);
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.name.startsWith(base) && (base.startsWith('.') || !e.name.startsWith('.')))
    .map((e) => `${dirTyped}${e.name}${e.isDirectory() || (e.isSymbolicLink() && isDirectory(join(dir, e.name))) ? '/' : ''}`)
    .sort();
}

function isDirectory(path: string): boolean {
  try {
    readdirSync(path);
    return true;
  } catch {
    return false;
  }
}
