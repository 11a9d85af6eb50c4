import { boundedLine, sanitizeLine } from '../../domain/sanitize.js';
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

export const discoCommand: CommandSpec = {
  name: 'disco',
  summary: 'Ask an entity what it is and which features it has, or with --items what it holds (XEP-0030).',
  args: [
    { name: 'jid', required: true, description: 'whom to ask, as written: a device (bob@example.org/phone), an account (bob@example.org) or a service (example.org)' },
    { name: '--items', required: false, description: "list the entity's items (a server's services, a room service's rooms) instead of its features" },
  ],
  description:
    'The JID is asked as written: a full JID is one device, a bare JID the account (its server answers for it), a domain the server. ' + CONTACTS_ONLY,
  examples: ['/disco example.org', '/disco example.org --items', '/disco bob@example.org/phone', '/disco conference.example.org --items'],
  async run(ctx, args) {
    const items = args.includes('--items');
    const rest = args.filter((a) => a !== '--items');
    const option = rest.find((a) => a.startsWith('--'));
    if (option !== undefined) return fail(`Unknown option "${sanitizeLine(option)}". Usage: /disco JID [--items]`);
    if (rest.length !== 1) return fail('Name one JID to ask. Usage: /disco JID [--items]');
    const jid = rest[0] ?? '';
    const bad = notAJid('disco', jid);
    if (bad) return fail(bad);
    return ok(describeDisco(await ctx.api.disco(jid, { items })));
  },
  complete: (ctx, index, partial, before = []) => {
    if (index === 0) return [...contactJids(ctx, partial), ...(partial.startsWith('-') ? ['--items'] : [])].filter((c) => c.startsWith(partial));
    return index === 1 && before[0] !== '--items' ? ['--items'].filter((c) => c.startsWith(partial)) : [];
  },
};

export const infoCommand: CommandSpec = {
  name: 'info',
  summary: 'Open a tab on who someone is: roster, devices with client and local time, vCard.',
  args: [{ name: 'jid', required: true, description: 'whom: a contact, bob@example.org (Tab completes them), or one device of theirs, bob@example.org/phone' }],
  description:
    'Shows at once what your roster says (name, subscription, groups) and each device of theirs that is online with its presence, then asks each device ' +
    'which client it runs (XEP-0092), its local time (XEP-0202) and how long it has been idle (XEP-0012), and their server for their vCard (vCard4, XEP-0292, else XEP-0054), adding each answer as it comes. ' +
    'A device that answers only its contacts says service-unavailable to anyone else. /info again refreshes the tab; /close closes it.',
  examples: ['/info bob@example.org', '/info bob@example.org/phone'],
  run(ctx, [jid = '']) {
    const bad = notAJid('info', jid);
    if (bad) return fail(bad);
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
  const who = sanitizeLine(result.jid);
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
