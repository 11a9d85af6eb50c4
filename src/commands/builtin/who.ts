import { boundedLine, sanitizeLine } from '../../domain/sanitize.js';
import { tokenize } from '../tokenize.js';
import { contactJids, notAJid } from './jid-args.js';
import { fail, ok, type CommandSpec, type DiscoResult, type VersionResult } from '../types.js';

const JID_ARG = 'whom to ask: bob@example.org, bob@example.org/phone, or a server, example.org (Tab completes contacts)';
const CONTACTS_ONLY =
  'Many clients answer only their contacts, as natter does (your contacts, people you wrote to and rooms you are in); anyone else gets service-unavailable, ' +
  'the same answer as from a device that is not there.';

export const pingCommand: CommandSpec = {
  name: 'ping',
  summary: 'Ping a contact\'s device or a server and show the round-trip time (XEP-0199).',
  args: [{ name: 'jid', required: true, description: JID_ARG }],
  description:
    "A full JID (with /resource) is pinged as written; a contact's bare JID at the device the roster shows them by, " +
    'or at the bare JID when none is online (their server then answers for them). A server (example.org) answers for itself. ' +
    CONTACTS_ONLY,
  examples: ['/ping bob@example.org', '/ping bob@example.org/phone', '/ping example.org'],
  async run(ctx, [jid = '']) {
    const bad = notAJid('ping', jid);
    if (bad) return fail(bad);
    const pong = await ctx.api.ping(jid);
    return ok(`pong from ${sanitizeLine(pong.jid)} in ${pong.rttMs} ms`);
  },
  complete: (ctx, index, partial) => (index === 0 ? contactJids(ctx, partial) : []),
};

export const versionCommand: CommandSpec = {
  name: 'version',
  summary: 'Ask a contact\'s device or a server which software it runs (XEP-0092).',
  args: [{ name: 'jid', required: true, description: JID_ARG }],
  description:
    "Shows the software's name and version, and its operating system where it tells. A full JID is asked as written; a contact's bare JID " +
    'at the device the roster shows them by. ' + CONTACTS_ONLY,
  examples: ['/version bob@example.org', '/version bob@example.org/phone', '/version example.org'],
  async run(ctx, [jid = '']) {
    const bad = notAJid('version', jid);
    if (bad) return fail(bad);
    return ok(describeVersion(await ctx.api.softwareVersion(jid)));
  },
  complete: (ctx, index, partial) => (index === 0 ? contactJids(ctx, partial) : []),
};

const DISCO_USAGE = 'Usage: /disco JID [--items] [--node NODE]';
/** XEP-0030 leaves a node's length open; a node is a URI or a short name, and the server gets no kilobyte of it. */
const MAX_NODE = 1023;
/** The node asked most, Tab offers it: a client's or server's ad-hoc commands (XEP-0050 §2.2). */
const COMMANDS_NODE = 'http://jabber.org/protocol/commands';

/** What /disco's words ask: one JID, items or info, and a node; or why it is not a question. */
export function parseDiscoArgs(words: readonly string[]): { jid: string; items: boolean; node?: string } | { error: string } {
  let items = false;
  let node: string | undefined;
  const jids: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === '--items') items = true;
    else if (word === '--node') {
      const value = words[++i];
      if (value === undefined || value === '' || value.startsWith('--')) return { error: `Give --node a node to ask about. ${DISCO_USAGE}` };
      if (node !== undefined) return { error: `Name one node. ${DISCO_USAGE}` };
      if (value.length > MAX_NODE) return { error: `The node is longer than ${MAX_NODE} characters. ${DISCO_USAGE}` };
      node = value;
    } else if (word.startsWith('--')) return { error: `Unknown option "${sanitizeLine(word).slice(0, 80)}". ${DISCO_USAGE}` };
    else jids.push(word);
  }
  if (jids.length !== 1) return { error: `Name one JID to ask. ${DISCO_USAGE}` };
  return { jid: jids[0] ?? '', items, ...(node === undefined ? {} : { node }) };
}

export const discoCommand: CommandSpec = {
  name: 'disco',
  summary: 'Ask an entity what it is and which features it has, or with --items what it holds (XEP-0030).',
  args: [
    { name: 'jid', required: true, description: 'whom to ask, as written: a device (bob@example.org/phone), an account (bob@example.org) or a service (example.org)' },
    { name: '--items', required: false, description: "list the entity's items (a server's services, a room service's rooms) instead of its features" },
    // The rest of the line: the options may come in any order, so it is read word by word in run.
    { name: '--node NODE', required: false, rest: true, description: 'ask about one node of the entity (XEP-0030 §3.2, §4.2): a PEP node of an account, a service\'s ad-hoc commands (http://jabber.org/protocol/commands)' },
  ],
  description:
    'The JID is asked as written: a full JID is one device, a bare JID the account (its server answers for it), a domain the server. ' +
    'With --node the question is about that node of the entity: its identity and features, or with --items the items under it. ' + CONTACTS_ONLY,
  examples: ['/disco example.org', '/disco example.org --items', '/disco bob@example.org/phone', '/disco conference.example.org --items', '/disco example.org --items --node http://jabber.org/protocol/commands'],
  async run(ctx, args) {
    // The last argument holds the rest of the line as typed: its words are read here.
    const last = args.length === 3 ? tokenize(args[2] ?? '') : { ok: true as const, tokens: [] };
    if (!last.ok) return fail(`/disco: ${last.error}`);
    const asked = parseDiscoArgs([...args.slice(0, 2), ...last.tokens]);
    if ('error' in asked) return fail(asked.error);
    const bad = notAJid('disco', asked.jid);
    if (bad) return fail(bad);
    return ok(describeDisco(await ctx.api.disco(asked.jid, { items: asked.items, ...(asked.node === undefined ? {} : { node: asked.node }) })));
  },
  complete: (ctx, index, partial, before = []) => {
    if (before.at(-1) === '--node') return [COMMANDS_NODE].filter((c) => c.startsWith(partial));
    const options = ['--items', '--node'].filter((o) => !before.includes(o) && o.startsWith(partial));
    return index === 0 ? [...contactJids(ctx, partial), ...(partial.startsWith('-') ? options : [])] : options;
  },
};

export const infoCommand: CommandSpec = {
  name: 'info',
  summary: 'Open a tab on who someone is: roster, devices with client and local time, vCard.',
  args: [{ name: 'jid', required: true, description: 'whom: a contact, bob@example.org (Tab completes them), or one device of theirs, bob@example.org/phone' }],
  description:
    'Shows at once what your roster says (name, subscription, groups) and each device of theirs that is online with its presence, then asks each device ' +
    'which client it runs (XEP-0092), its local time (XEP-0202) and how long it has been idle (XEP-0012), and their server for their vCard (vCard4, XEP-0292, else XEP-0054), adding each answer as it comes. ' +
    'A device that answers only its contacts says service-unavailable to anyone else. /info again refreshes the tab; /close closes it. ' +
    "In natter run, with no screen, the same lines are printed once every answer is in.",
  examples: ['/info bob@example.org', '/info bob@example.org/phone', "natter run '/info bob@example.org'"],
  async run(ctx, [jid = '']) {
    const bad = notAJid('info', jid);
    if (bad) return fail(bad);
    if (ctx.headless) return ok(await ctx.api.infoText(jid));
    return ok(undefined, [{ type: 'tab/focus', id: ctx.api.info(jid) }]);
  },
  complete: (ctx, index, partial) => (index === 0 ? contactJids(ctx, partial) : []),
};

/** The longest field shown of a version: a client's name and version are a few words. */
const VERSION_SHOWN = 80;

/** "bob@x/phone runs Gajim 1.8.4 on Linux". */
export function describeVersion(version: VersionResult): string {
  const os = version.os === undefined ? '' : ` on ${boundedLine(version.os, VERSION_SHOWN)}`;
  return `${sanitizeLine(version.jid)} runs ${boundedLine(version.name, VERSION_SHOWN)} ${boundedLine(version.version, VERSION_SHOWN)}${os}`;
}

/** The longest identity name, feature or item shown: a URI or a room's name. */
const DISCO_SHOWN = 120;

/** What disco#info or disco#items said: a heading, then one indented line a feature or an item. */
export function describeDisco(result: DiscoResult): string {
  const who = `${sanitizeLine(result.jid)}${result.node === undefined ? '' : ` node ${boundedLine(result.node, DISCO_SHOWN)}`}`;
  const more = result.left > 0 ? [`  … and ${result.left} more not shown`] : [];
  if (result.kind === 'items') {
    if (result.items.length === 0 && result.left === 0) return `${who} lists no items`;
    const lines = result.items.map((i) => `  ${boundedLine(i.jid, DISCO_SHOWN)}${i.node ? ` node ${boundedLine(i.node, DISCO_SHOWN)}` : ''}${i.name ? ` (${boundedLine(i.name, DISCO_SHOWN)})` : ''}`);
    return [`${who} has ${count(result.items.length + result.left, 'item')}:`, ...lines, ...more].join('\n');
  }
  const identities = result.identities.map((i) => `${boundedLine(i.category, DISCO_SHOWN)}/${boundedLine(i.type, DISCO_SHOWN)}${i.name ? ` (${boundedLine(i.name, DISCO_SHOWN)})` : ''}`);
  const is = identities.length === 0 ? 'names no identity' : `is ${identities.join(', ')}`;
  const features = result.features.map((f) => `  ${boundedLine(f, DISCO_SHOWN)}`);
  return [`${who} ${is}; ${count(result.features.length, 'feature')}${features.length > 0 ? ':' : ''}`, ...features, ...more].join('\n');
}

const count = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
