import { fail, ok, type CommandResult } from './types.js';

/** How deep /source may nest (a script that sources itself stops here, not never). */
export const MAX_SCRIPT_DEPTH = 8;

/**
 * Runs a command file: one slash command per line, `#` comments and blank lines skipped,
 * each command waiting for the previous one's result. Stops at the first failure (saying
 * which line) unless `keepGoing`; then every failure is reported and the result fails.
 */
export async function runScript(
  text: string,
  source: string,
  run: (line: string) => Promise<CommandResult>,
  options: { keepGoing?: boolean } = {},
): Promise<CommandResult> {
  const failures: string[] = [];
  let count = 0;
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const where = `${source}:${index + 1}`;
    const result = line.startsWith('/') ? await run(line) : fail(`"${line.slice(0, 40)}" is not a command (commands start with /)`);
    count++;
    if (result.ok) continue;
    failures.push(`${where}: ${result.error}`);
    if (!options.keepGoing) return fail(`${failures[0]}\n${source}: stopped at line ${index + 1}; the lines after it were not run.`);
  }
  if (failures.length > 0) return fail(`${failures.join('\n')}\n${source}: ${failures.length} of ${count} commands failed.`);
  return ok(`${source}: ${count} command${count === 1 ? '' : 's'} run.`);
}
