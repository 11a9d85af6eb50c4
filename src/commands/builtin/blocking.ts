import { sanitizeLine } from '../../domain/sanitize.js';
import { canonicalJid } from '../../domain/jid.js';
import { fail, ok, type BlockList, type CommandContext, type CommandSpec } from '../types.js';

const JID_FORMS = 'name@server, name@server/resource, or a whole server, server.example';

/** The JID as the block list holds it, or the error that says how to write one. */
function written(command: string, text: string): { jid: string } | { error: string } {
  const jid = canonicalJid(text);
  return jid ? { jid } : { error: `"${sanitizeLine(text)}" is not a JID; write it as ${JID_FORMS}, e.g. /${command} bob@example.org` };
}

const startingWith = (partial: string, candidates: Iterable<string>): string[] => [...new Set(candidates)].filter((c) => c.startsWith(partial));

/** The block list of each enabled account (of the default one when natter lists none). */
function blockLists(ctx: CommandContext): BlockList[] {
  const enabled = ctx.api.accounts().filter((a) => a.enabled).map((a) => a.jid);
  return enabled.length === 0 ? [ctx.api.blockList()] : enabled.map((jid) => ctx.api.blockList(jid));
}

/** Every blocked JID, for completion: none when there is no account to ask. */
function blockedJids(ctx: CommandContext): string[] {
  try {
    return blockLists(ctx).flatMap((list) => list.jids);
  } catch {
    return [];
  }
}

export const blockCommand: CommandSpec = {
  name: 'block',
  summary: 'Block a JID: nothing they send reaches you, on any of your devices (XEP-0191).',
  args: [
    { name: 'jid', required: true, description: `whom to block: ${JID_FORMS} (Tab completes contacts)` },
    { name: '--spam', required: false, description: 'also report them as a spammer to your server, where it takes reports (XEP-0377)' },
  ],
  description:
    "The block list is your server's: it is read at login, kept current as you or your other devices change it, and the same on all of them. " +
    'Your server stops their messages, presence and queries and shows you offline to them; natter also drops anything of theirs that still arrives ' +
    '(messages kept before the block, from the archive or while you were offline), so it is neither shown, kept in the history nor passed to a hook. ' +
    'A full JID blocks that one device or room occupant; a bare JID every device of theirs; a server everyone on it.',
  examples: ['/block bob@example.org', '/block spammer@example.net --spam', '/block room@conference.example.org/troll', '/block spam.example'],
  async run(ctx, args) {
    const spam = args.includes('--spam');
    const rest = args.filter((a) => a !== '--spam');
    const option = rest.find((a) => a.startsWith('--'));
    if (option !== undefined) return fail(`Unknown option "${sanitizeLine(option)}". Usage: /block JID [--spam]`);
    if (rest.length !== 1) return fail('Name one JID to block. Usage: /block JID [--spam]');
    const target = written('block', rest[0] ?? '');
    if ('error' in target) return fail(target.error);
    return ok(await ctx.api.block(target.jid, { spam }));
  },
  complete: (ctx, index, partial, before = []) =>
    index === 0 || (index === 1 && before[0] === '--spam')
      ? startingWith(partial, ctx.state().roster.map((c) => c.jid)).filter((jid) => !blockedJids(ctx).includes(jid))
      : index === 1 ? startingWith(partial, ['--spam']) : [],
};

export const unblockCommand: CommandSpec = {
  name: 'unblock',
  summary: 'Unblock a JID, or everyone with --all (XEP-0191).',
  args: [{ name: 'jid', required: false, description: 'whom to unblock, as it is on /blocked (Tab completes them); --all unblocks everyone on the list' }],
  description: 'Their messages reach you again from now on; what they sent while blocked is gone (neither your server nor natter kept it). The change is made on your server, so your other devices see it too.',
  examples: ['/unblock bob@example.org', '/unblock --all'],
  async run(ctx, [text]) {
    if (text === undefined) return fail('Name whom to unblock: /unblock JID (see /blocked), or /unblock --all to unblock everyone on the list');
    if (text === '--all') return ok(await ctx.api.unblock('all'));
    if (text.startsWith('--')) return fail(`Unknown option "${sanitizeLine(text)}". Usage: /unblock JID, or /unblock --all`);
    const target = written('unblock', text);
    if ('error' in target) return fail(target.error);
    return ok(await ctx.api.unblock(target.jid));
  },
  complete: (ctx, index, partial) => (index === 0 ? startingWith(partial, [...blockedJids(ctx), '--all']) : []),
};

export const blockedCommand: CommandSpec = {
  name: 'blocked',
  summary: 'List the JIDs you have blocked (your server holds the list).',
  args: [],
  description: 'The list as natter last read it from your server: at login, and each change made here or on your other devices since. With several accounts, each has its own list.',
  examples: ['/blocked'],
  run: (ctx: CommandContext) => ok(blockLists(ctx).map(describeBlockList).join('\n')),
};

/** "2 blocked on alice@x:" and a line for each, or why there is no list. */
export function describeBlockList(list: BlockList): string {
  if (!list.supported) return `${list.account}'s server does not support blocking (XEP-0191)`;
  const note = list.known ? '' : ` (as last read from the server; ${list.account} is not connected now)`;
  if (list.jids.length === 0) return list.known ? `nobody is blocked on ${list.account}` : `${list.account}'s block list has not been read from its server yet: it is read at login`;
  return [`${list.jids.length} blocked on ${list.account}${note}:`, ...list.jids.map((jid) => `  ${sanitizeLine(jid)}`)].join('\n');
}
