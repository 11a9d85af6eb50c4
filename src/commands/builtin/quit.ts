import { ok, type CommandSpec } from '../types.js';

export const quitCommand: CommandSpec = {
  name: 'quit',
  aliases: ['exit'],
  summary: 'Leave natter: go offline cleanly and restore the terminal.',
  args: [],
  examples: ['/quit'],
  run: () => ok(undefined, [{ type: 'quit' }]),
};
