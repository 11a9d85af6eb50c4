import { completePath } from '../complete-path.js';
import { fail, ok, type CommandSpec } from '../types.js';

const set: CommandSpec = {
  name: 'set',
  summary: 'Publish an image file as your avatar (PNG or JPEG, shrunk to 96×96 pixels at most).',
  args: [{ name: 'file', required: true, rest: true, description: 'the image: a PNG or JPEG of at most 4096×4096 pixels and 16 MiB (~ is your home directory)' }],
  description:
    'natter shrinks the image (aspect kept) to at most 96×96 pixels, saves it as PNG and publishes it on your server for anyone to see: '
    + 'as a PEP avatar (XEP-0084, what modern clients read) and in your vCard with its hash in your presence (XEP-0153, for older clients).',
  examples: ['/avatar set ~/Pictures/me.png', '/avatar set photo.jpg'],
  async run(ctx, [file = '']) {
    const path = file.trim().replace(/^~(?=\/)/, process.env.HOME ?? '~');
    if (path === '') return fail('Give the image file: /avatar set FILE');
    return ok(await ctx.api.setAvatar(path));
  },
  complete: (_ctx, index, partial) => (index === 0 ? completePath(partial) : []),
};

const clear: CommandSpec = {
  name: 'clear',
  summary: 'Remove your avatar (from PEP and from your vCard).',
  args: [],
  examples: ['/avatar clear'],
  run: async (ctx) => ok(await ctx.api.clearAvatar()),
};

export const avatarCommand: CommandSpec = {
  name: 'avatar',
  summary: 'Set or clear your avatar (XEP-0084, XEP-0153); /info JID shows someone else\'s.',
  description: 'Others\' avatars are drawn in their /info tab with coloured half blocks.',
  examples: ['/avatar set ~/me.png', '/avatar clear'],
  subCommands: [set, clear],
};
