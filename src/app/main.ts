import { runAccountCommand } from './cli/account-cli.js';
import { parseCli } from './cli/cli.js';
import { runListen } from './cli/listen-command.js';
import { natterVersion } from '../client/natter-version.js';
import { controlSocketPath } from './screen/control-socket.js';
import { runCtl } from './cli/ctl-command.js';
import { askRunningNatter } from './cli/ask-running-natter.js';
import { runCommands } from './cli/run-command.js';
import { runSend } from './cli/send-command.js';
import { systemKeychain } from '../credentials/keychain.js';
import { ExitCode } from './cli/exit-codes.js';
import { runUi } from './screen/run-ui.js';
import { lockDataDir, refusalOf } from './screen/data-dir-lock.js';
import { sanitizeStderr } from './cli/safe-stderr.js';
import { runSearch } from './cli/search-command.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { natterPaths } from '../config/paths.js';
import { MessageHistory } from '../history/message-history.js';
import { HistoryError, openHistoryDatabase } from '../history/open-history.js';

/** The program: returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  sanitizeStderr();
  const cli = parseCli(argv);
  if (cli.kind === 'usage-error') {
    process.stderr.write(`natter: ${cli.message}\n`);
    return ExitCode.usage;
  }
  const paths = natterPaths();
  let config;
  try {
    config = loadConfig(paths);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return ExitCode.failure;
    }
    throw error;
  }
  if (cli.kind === 'search') {
    const history = openHistory(paths.dataDir);
    return history ? runSearch(history, cli.words, { json: cli.json, ...(cli.peer ? { peer: cli.peer } : {}) }) : ExitCode.failure;
  }
  if (cli.kind === 'run') {
    const history = openHistory(paths.dataDir);
    if (!history) return ExitCode.failure;
    return runCommands(cli.commands, { config, history, keychain: systemKeychain(), ...(cli.account ? { account: cli.account } : {}) });
  }
  if (cli.kind === 'ctl') return runCtl(controlSocketPath(paths.controlDir), cli);
  if (cli.kind === 'account') {
    return runAccountCommand(cli.command, config, systemKeychain(), undefined, (command) => askRunningNatter(controlSocketPath(paths.controlDir), command));
  }
  if (cli.kind === 'send' || cli.kind === 'listen') {
    const history = openHistory(paths.dataDir);
    if (!history) return ExitCode.failure;
    return cli.kind === 'send'
      ? runSend(cli, config, systemKeychain(), history)
      : runListen(cli, config, systemKeychain(), history);
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write('natter: the chat screen needs a terminal (stdin and stdout must be a TTY).\n');
    return ExitCode.usage;
  }
  // One screen per data directory (its history, its outbox); send, listen, run and ctl share it.
  const lock = lockDataDir(paths.dataDir);
  if (!lock.held) {
    process.stderr.write(`natter: ${refusalOf(lock, paths.dataDir)}\n`);
    return ExitCode.failure;
  }
  const history = openHistory(paths.dataDir);
  if (!history) return ExitCode.failure;
  return runUi({ config, version: natterVersion(), history, configDir: paths.configDir, controlDir: paths.controlDir, ...(cli.account ? { account: cli.account } : {}), ...(cli.startup ? { startup: cli.startup } : {}) });
}

/** The history database, or undefined after printing why it can not be used. */
function openHistory(dir: string): MessageHistory | undefined {
  try {
    return new MessageHistory(openHistoryDatabase(dir));
  } catch (error) {
    if (error instanceof HistoryError) {
      process.stderr.write(`natter: ${error.message}\n`);
      return undefined;
    }
    throw error;
  }
}
