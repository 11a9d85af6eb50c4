import { readFileSync } from 'node:fs';
import { parseCli } from './cli.js';
import { ExitCode } from './exit-codes.js';
import { runUi } from './run-ui.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { natterPaths } from '../config/paths.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The program: returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const cli = parseCli(argv);
  if (cli.kind === 'usage-error') {
    process.stderr.write(`natter: ${cli.message}\n`);
    return ExitCode.usage;
  }
  let config;
  try {
    config = loadConfig(natterPaths());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return ExitCode.failure;
    }
    throw error;
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write('natter: the chat screen needs a terminal (stdin and stdout must be a TTY).\n');
    return ExitCode.usage;
  }
  return runUi(config, version(), cli.account);
}
