import { completePath } from '../complete-path.js';
import { fail, type CommandSpec } from '../types.js';

export const sourceCommand: CommandSpec = {
  name: 'source',
  summary: 'Run the slash commands in a file, one per line.',
  args: [
    { name: 'file', required: true, description: 'the command file; ~ is your home directory' },
    { name: '--keep-going', required: false, description: 'run every line even after one fails' },
  ],
  description:
    'Lines starting with # and blank lines are skipped. Each command waits for the previous one to finish. By default ' +
    'the file stops at the first command that fails and says which line it was; with --keep-going every line runs and ' +
    'all failures are listed. natter also runs $XDG_CONFIG_HOME/natter/startup after login, and natter --script FILE.',
  examples: ['/source ~/natter/work.txt', '/source setup.txt --keep-going'],
  async run(ctx, [file = '', flag]) {
    if (flag !== undefined && flag !== '--keep-going') return fail(`Unknown option "${flag}". Usage: /source FILE [--keep-going]`);
    if (!ctx.runFile) return fail('command files can not be run here');
    return ctx.runFile(file, { keepGoing: flag === '--keep-going' });
  },
  complete: (_ctx, index, partial) => (index === 0 ? completePath(partial) : index === 1 ? ['--keep-going'].filter((f) => f.startsWith(partial)) : []),
};
