import { bareJid } from '../../domain/jid.js';
import { rosterTextProblem } from '../../domain/roster.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { completePath } from '../complete-path.js';
import { tokenize } from '../tokenize.js';
import { fail, ok, type CommandContext, type CommandResult, type CommandSpec, type RosterEdit } from '../types.js';
import { contactJids } from './jid-args.js';

/** The bare JID written, or why it is not one. */
export function writtenJid(command: string, text: string): { jid: string } | { error: string } {
  // A person's JID: a bare domain here is a typo far more often than a gateway.
  const jid = bareJid(text);
  return jid.includes('@') ? { jid } : { error: `"${sanitizeLine(text)}" is not a JID; write it as name@server, e.g. /roster ${command} bob@example.org` };
}

/** A name or group as typed, or why natter does not send it: empty, too long, or with control characters. */
export function rosterText(what: 'name' | 'group', text: string): { text: string } | { error: string } {
  // A rest argument comes as typed: "Old friends" in quotes is the two words without them.
  const words = tokenize(text);
  const trimmed = (words.ok && words.tokens.length === 1 ? (words.tokens[0] ?? '') : text).trim();
  const problem = rosterTextProblem(what, trimmed);
  return problem ? { error: problem } : { text: trimmed };
}

/** Sends the change, or says the first thing wrong with what was typed. */
async function edit(ctx: CommandContext, checks: Array<{ error: string } | object>, make: () => RosterEdit): Promise<CommandResult> {
  const wrong = checks.find((c): c is { error: string } => 'error' in c);
  return wrong ? fail(wrong.error) : ok(await ctx.api.editRoster(make()));
}

export const groupNames = (ctx: CommandContext, partial: string): string[] =>
  [...new Set(ctx.state().roster.flatMap((c) => c.groups ?? []))].filter((g) => g.startsWith(partial));
const jidFirst = (ctx: CommandContext, index: number, partial: string): string[] => (index === 0 ? contactJids(ctx, partial) : []);

/** `JID [NAME...] [--group G]...`: the name may take several words; each --group takes one (quoted with spaces). */
function parseAdd(rest: string): { name?: string; groups: string[] } | { error: string } {
  const tokens = tokenize(rest);
  if (!tokens.ok) return { error: `/roster add: ${tokens.error}` };
  const words: string[] = [];
  const groups: string[] = [];
  for (let i = 0; i < tokens.tokens.length; i++) {
    const token = tokens.tokens[i] ?? '';
    if (token === '--group') {
      const group = rosterText('group', tokens.tokens[++i] ?? '');
      if ('error' in group) return { error: `--group needs a group name after it (${group.error}). Usage: /roster add JID [NAME] [--group G]` };
      groups.push(group.text);
    } else if (token.startsWith('--')) return { error: `Unknown option "${sanitizeLine(token)}". Usage: /roster add JID [NAME] [--group G]` };
    else words.push(token);
  }
  if (words.length === 0) return { groups };
  const name = rosterText('name', words.join(' '));
  return 'error' in name ? name : { name: name.text, groups };
}

const add: CommandSpec = {
  name: 'add',
  summary: 'Add a contact: asks to see their presence, and lets them see yours (pre-approved where the server offers it).',
  args: [
    { name: 'jid', required: true, description: 'whom to add, e.g. bob@example.org' },
    { name: 'name', required: false, rest: true, description: 'the name shown for them (words, or "quoted"), then --group G for each group (quote a group with spaces)' },
  ],
  description:
    'Puts them in your roster (on your server, so your other clients see it too) and asks to see their presence (RFC 6121 §3.1). ' +
    'When they asked to see yours already it is granted; otherwise, where your server offers pre-approval (RFC 6121 §3.4), it is granted in advance, ' +
    'so their request is approved at once; without it natter says so, and you /accept them when they ask. The roster marks them "?" until they answer.',
  examples: ['/roster add bob@example.org', '/roster add bob@example.org Bob Smith --group Friends', '/roster add carol@example.org --group "Book club" --group Work'],
  async run(ctx, [jid = '', rest = '']) {
    const target = writtenJid('add', jid);
    const parsed = parseAdd(rest);
    return edit(ctx, [target, parsed], () => ({
      kind: 'add',
      jid: 'jid' in target ? target.jid : '',
      ...('groups' in parsed ? { groups: parsed.groups, ...(parsed.name === undefined ? {} : { name: parsed.name }) } : { groups: [] }),
    }));
  },
  complete: (ctx, index, partial, before = []) =>
    index === 0 ? ctx.api.subscriptionRequests().filter((j) => j.startsWith(partial)) : before.at(-1) === '--group' ? groupNames(ctx, partial) : ['--group'].filter((o) => o.startsWith(partial)),
};

const remove: CommandSpec = {
  name: 'remove',
  summary: 'Remove a contact from your roster; neither of you sees the other\'s presence any more.',
  args: [{ name: 'jid', required: true, description: 'the contact (Tab completes them)' }],
  description: 'RFC 6121 §2.5: your server takes them off your roster and cancels the subscriptions both ways, telling them so.',
  examples: ['/roster remove bob@example.org'],
  run: (ctx, [jid = '']) => {
    const target = writtenJid('remove', jid);
    return edit(ctx, [target], () => ({ kind: 'remove', jid: 'jid' in target ? target.jid : '' }));
  },
  complete: jidFirst,
};

const rename: CommandSpec = {
  name: 'rename',
  summary: 'Change the name a contact is shown by (your roster, on all your clients).',
  args: [
    { name: 'jid', required: true, description: 'the contact (Tab completes them)' },
    { name: 'name', required: true, rest: true, description: 'the new name, spaces and all' },
  ],
  examples: ['/roster rename bob@example.org Bob Smith'],
  run: (ctx, [jid = '', name = '']) => {
    const target = writtenJid('rename', jid);
    const text = rosterText('name', name);
    return edit(ctx, [target, text], () => ({ kind: 'rename', jid: 'jid' in target ? target.jid : '', name: 'text' in text ? text.text : '' }));
  },
  complete: jidFirst,
};

function presenceSub(kind: 'subscribe' | 'unsubscribe' | 'approve', summary: string, description: string): CommandSpec {
  return {
    name: kind,
    summary,
    description,
    args: [{ name: 'jid', required: true, description: 'whom, e.g. bob@example.org (Tab completes contacts)' }],
    examples: [`/roster ${kind} bob@example.org`],
    run: (ctx, [jid = '']) => {
      const target = writtenJid(kind, jid);
      return edit(ctx, [target], () => ({ kind, jid: 'jid' in target ? target.jid : '' }));
    },
    complete: jidFirst,
  };
}

const subscribe = presenceSub('subscribe', 'Ask to see a contact\'s presence (RFC 6121 §3.1).', 'The roster marks them "?" until they answer.');
const unsubscribe = presenceSub('unsubscribe', 'Stop seeing a contact\'s presence (RFC 6121 §3.3); they still see yours.', 'To cancel both ways, /roster remove them.');
const approve = presenceSub(
  'approve',
  'Let someone see your presence before they ask (pre-approval, RFC 6121 §3.4).',
  'Only where your server offers pre-approval (the stream feature urn:xmpp:features:pre-approval); natter says so plainly where it does not. Someone who asked already is simply approved (as /accept, without asking back).',
);

/** `/roster group add|remove JID GROUP`, `/roster group rename OLD NEW`, `/roster group [fold] GROUP`. */
function groupChange(kind: 'group-add' | 'group-remove'): CommandSpec {
  const name = kind === 'group-add' ? 'add' : 'remove';
  return {
    name,
    summary: kind === 'group-add' ? 'Put a contact in a group (it stays in its other groups).' : 'Take a contact out of a group.',
    args: [
      { name: 'jid', required: true, description: 'the contact (Tab completes them)' },
      { name: 'group', required: true, rest: true, description: 'the group, spaces and all (Tab completes the groups)' },
    ],
    examples: [`/roster group ${name} bob@example.org Book club`],
    run: (ctx, [jid = '', group = '']) => {
      const target = writtenJid(`group ${name}`, jid);
      const text = rosterText('group', group);
      return edit(ctx, [target, text], () => ({ kind, jid: 'jid' in target ? target.jid : '', group: 'text' in text ? text.text : '' }));
    },
    complete: (ctx, index, partial) => (index === 0 ? contactJids(ctx, partial) : index === 1 ? groupNames(ctx, partial) : []),
  };
}

const renameGroup: CommandSpec = {
  name: 'rename',
  summary: 'Rename a group: every contact in it moves to the new name.',
  args: [
    { name: 'old', required: true, description: 'the group now (quote a name with spaces; Tab completes the groups)' },
    { name: 'new', required: true, rest: true, description: 'its new name, spaces and all' },
  ],
  examples: ['/roster group rename work Colleagues', '/roster group rename "book club" Readers'],
  run: (ctx, [from = '', to = '']) => {
    const old = rosterText('group', from);
    const next = rosterText('group', to);
    return edit(ctx, [old, next], () => ({ kind: 'group-rename', from: 'text' in old ? old.text : '', to: 'text' in next ? next.text : '' }));
  },
  complete: (ctx, index, partial) => (index === 0 ? groupNames(ctx, partial) : []),
};

const exportFile: CommandSpec = {
  name: 'export',
  summary: 'Write your roster to a new file: one contact a line, JID, name and groups separated by tabs.',
  args: [{ name: 'file', required: true, description: 'a file that does not exist yet (natter never writes over one); ~ is your home' }],
  description:
    'The format: UTF-8 text, one contact a line, its fields separated by tabs: JID, name (may be empty), then each of its groups. ' +
    'Blank lines and lines starting with # are ignored. Subscriptions are not in it. /roster import reads it back, here or on another account.',
  examples: ['/roster export ~/roster.txt'],
  run: (ctx, [path = '']) => edit(ctx, [], () => ({ kind: 'export', path })),
  complete: (_ctx, index, partial) => (index === 0 ? completePath(partial) : []),
};

const importFile: CommandSpec = {
  name: 'import',
  summary: 'Put the contacts of a roster file (see /help roster export) in your roster; --subscribe also asks to see their presence.',
  args: [
    { name: 'file', required: true, description: 'a roster file, as /roster export writes it' },
    { name: '--subscribe', required: false, description: 'also ask each contact whose presence you do not see yet to see it' },
  ],
  description:
    'Each contact of the file gets its name and groups as the file says; contacts not in it stay as they are. The whole file is checked first: ' +
    'a line that is not a contact (not a JID, a name or group too long or with control characters, a JID twice) refuses the file, naming the line, and nothing changes.',
  examples: ['/roster import ~/roster.txt', '/roster import ~/roster.txt --subscribe'],
  run(ctx, [path = '', option]) {
    if (option !== undefined && option !== '--subscribe') return fail(`Unknown option "${sanitizeLine(option)}". Usage: /roster import FILE [--subscribe]`);
    return edit(ctx, [], () => ({ kind: 'import', path, subscribe: option === '--subscribe' }));
  },
  complete: (_ctx, index, partial) => (index === 0 ? completePath(partial) : index === 1 ? ['--subscribe'].filter((o) => o.startsWith(partial)) : []),
};

export const contactCommands = { add, remove, rename, subscribe, unsubscribe, approve, groupAdd: groupChange('group-add'), groupRemove: groupChange('group-remove'), renameGroup, exportFile, importFile };
