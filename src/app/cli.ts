import meow from 'meow';

export const HELP = `
  Usage
    $ natter                 open the chat screen

  Options
    --help                   show this help
    --version                show natter's version

  Inside natter, type /help for the commands and Ctrl-C or /quit to leave.

  Files
    config    $XDG_CONFIG_HOME/natter/config.json (default ~/.config/natter/config.json)
    history   $XDG_DATA_HOME/natter/ (default ~/.local/share/natter/)
    Passwords are kept in the OS keychain, never in the config file.
`;

export type CliResult = { kind: 'ui' } | { kind: 'usage-error'; message: string };

/**
 * Parses argv with meow. meow itself prints --help/--version and exits 0, and reports an
 * unknown flag ("Unknown flag --x") with exit code 2; unknown commands are ours to report.
 */
export function parseCli(argv: string[]): CliResult {
  const cli = meow(HELP, {
    importMeta: import.meta,
    argv,
    allowUnknownFlags: false,
    flags: {},
  });
  const [command] = cli.input;
  if (command !== undefined) {
    return { kind: 'usage-error', message: `Unknown command: ${command}. Run natter --help for usage.` };
  }
  return { kind: 'ui' };
}
