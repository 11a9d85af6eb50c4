import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { MAX_SCRIPT_DEPTH, runScript } from '../../commands/script.js';
import { fail, type CommandResult } from '../../commands/types.js';

/**
 * Runs a file of commands (/source, --cmd FILE, natter run) line by line through `execute`.
 * A file may source another, at most MAX_SCRIPT_DEPTH deep: a file that sources itself ends
 * with an error, not a hang.
 */
export function commandFileRunner(
  execute: (line: string, origin?: string) => Promise<CommandResult>,
): (path: string, options: { keepGoing: boolean }, origin?: string) => Promise<CommandResult> {
  let depth = 0;
  return async (path, options, origin) => {
    if (depth >= MAX_SCRIPT_DEPTH) return fail(`${path}: command files nested ${MAX_SCRIPT_DEPTH} deep; does one source itself?`);
    let text: string;
    try {
      text = await readFile(path.replace(/^~(?=\/|$)/, homedir()), 'utf8');
    } catch (error) {
      return fail(`can not read the command file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    depth++;
    try {
      // A file /source'd in a chat shows its commands' results there too.
      return await runScript(text, path, (line) => execute(line, origin), options);
    } finally {
      depth--;
    }
  };
}
