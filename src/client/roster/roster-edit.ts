import type { Element } from '@xmpp/xml';
import type { RosterEdit } from '../../commands/types.js';
import type { RosterItem } from '../../domain/roster.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import type { RosterItemEdit } from '../../xmpp/features/roster/build.js';
import { buildSubscriptionPresence } from '../../xmpp/features/presence/subscription.js';
import { exportRoster, importRoster } from './roster-file-io.js';

/** What editing the roster needs of the current session and the account. */
export interface RosterEditPort {
  /** The account's bare JID. */
  account: string;
  item(jid: string): RosterItem | undefined;
  items(): RosterItem[];
  set(item: RosterItemEdit): Promise<void>;
  remove(jid: string): Promise<void>;
  send(stanza: Element): Promise<void>;
  /** The server offered pre-approval on this session (RFC 6121 §3.4.1). */
  preApproval(): boolean;
  /** Those who asked to see the account's presence and wait for an answer. */
  pending(): string[];
  /** Forgets `jid`'s waiting request: it has been answered. */
  answered(jid: string): void;
}

const seesTheirs = (item: RosterItem | undefined): boolean => item?.subscription === 'to' || item?.subscription === 'both';
const seesOurs = (item: RosterItem | undefined): boolean => item?.subscription === 'from' || item?.subscription === 'both';
const quoted = (text: string): string => `"${sanitizeLine(text)}"`;

/**
 * Carries out one /roster change on the current session and says what was done in one line.
 * Roster changes go to the server as roster sets (RFC 6121 §2); the pane follows the server's
 * push, the same push the user's other clients get. Throws an Error saying what is wrong.
 */
export async function editRoster(port: RosterEditPort, edit: RosterEdit): Promise<string> {
  if ('jid' in edit && edit.jid === port.account) throw new Error(`${edit.jid} is your own account: it is not kept in your roster`);
  switch (edit.kind) {
    case 'add':
      return add(port, edit);
    case 'remove':
      await port.remove(contact(port, edit.jid).jid);
      // §2.5.2: the server sends unsubscribe and unsubscribed for us.
      return `removed ${edit.jid} from your roster; neither of you sees the other's presence any more`;
    case 'rename': {
      const item = contact(port, edit.jid);
      await port.set({ ...editOf(item), name: edit.name });
      return `renamed ${edit.jid} to ${quoted(edit.name)}`;
    }
    case 'group-add':
    case 'group-remove':
      return regroup(port, edit);
    case 'group-rename':
      return renameGroup(port, edit.from, edit.to);
    case 'subscribe':
    case 'unsubscribe':
      return subscription(port, edit.kind, edit.jid);
    case 'approve':
      return approve(port, edit.jid);
    case 'export':
      return exportRoster(port, edit.path);
    case 'import':
      return importRoster(port, edit.path, edit.subscribe);
  }
}

/** The roster item of `jid`, or an error saying it is not one. */
function contact(port: RosterEditPort, jid: string): RosterItem {
  const item = port.item(jid);
  if (!item) throw new Error(`${jid} is not in ${port.account}'s roster; /roster add ${jid} first`);
  return item;
}

const editOf = (item: RosterItem): RosterItemEdit => ({ jid: item.jid, groups: item.groups, ...(item.name === undefined ? {} : { name: item.name }) });

/**
 * RFC 6121 §3.1.1: the item first (its name and groups), then the request to see their presence.
 * As Poezio's /add does, theirs is approved in the same step: answered when they asked already,
 * pre-approved (§3.4) where the server offers it, so "add a contact" ends with each seeing the other.
 */
async function add(port: RosterEditPort, edit: Extract<RosterEdit, { kind: 'add' }>): Promise<string> {
  const before = port.item(edit.jid);
  const name = edit.name ?? before?.name;
  await port.set({ jid: edit.jid, groups: [...new Set([...(before?.groups ?? []), ...edit.groups])], ...(name === undefined ? {} : { name }) });
  const done = [`added ${edit.jid} to ${port.account}'s roster${name === undefined ? '' : ` as ${quoted(name)}`}${edit.groups.length > 0 ? ` in ${edit.groups.map(quoted).join(', ')}` : ''}`];
  if (seesTheirs(before)) done.push('you see their presence already');
  else {
    await port.send(buildSubscriptionPresence(edit.jid, 'subscribe'));
    done.push('asked to see their presence');
  }
  if (seesOurs(before)) done.push('they see yours already');
  else if (port.pending().includes(edit.jid)) {
    await port.send(buildSubscriptionPresence(edit.jid, 'subscribed'));
    port.answered(edit.jid);
    done.push('they asked to see yours and now may');
  } else if (port.preApproval()) {
    await port.send(buildSubscriptionPresence(edit.jid, 'subscribed'));
    done.push('they may see yours as soon as they ask (pre-approved)');
  } else done.push(`your server does not offer pre-approval, so when they ask to see yours, /accept ${edit.jid}`);
  return done.join('; ');
}

async function regroup(port: RosterEditPort, edit: Extract<RosterEdit, { kind: 'group-add' | 'group-remove' }>): Promise<string> {
  const item = contact(port, edit.jid);
  const has = item.groups.includes(edit.group);
  if (edit.kind === 'group-add') {
    if (has) return `${edit.jid} is in group ${quoted(edit.group)} already`;
    await port.set({ ...editOf(item), groups: [...item.groups, edit.group] });
    return `put ${edit.jid} in group ${quoted(edit.group)}`;
  }
  if (!has) throw new Error(`${edit.jid} is not in group ${quoted(edit.group)}; its groups: ${item.groups.length > 0 ? item.groups.map(quoted).join(', ') : 'none'}`);
  await port.set({ ...editOf(item), groups: item.groups.filter((g) => g !== edit.group) });
  return `took ${edit.jid} out of group ${quoted(edit.group)}`;
}

/** RFC 6121 has no group rename: each contact in the group gets a roster set of its own. */
async function renameGroup(port: RosterEditPort, from: string, to: string): Promise<string> {
  const members = port.items().filter((item) => item.groups.includes(from));
  if (members.length === 0) throw new Error(`no contact of ${port.account} is in group ${quoted(from)}`);
  let moved = 0;
  for (const item of members) {
    try {
      await port.set({ ...editOf(item), groups: [...new Set(item.groups.map((g) => (g === from ? to : g)))] });
    } catch (error) {
      // Said plainly: the contacts moved so far stay moved, the rest are still in the old group.
      if (moved > 0) throw new Error(`${error instanceof Error ? error.message : String(error)}; ${moved} of ${members.length} contacts were moved to ${quoted(to)} before that`);
      throw error;
    }
    moved++;
  }
  return `renamed group ${quoted(from)} to ${quoted(to)} (${moved} contact${moved === 1 ? '' : 's'})`;
}

/** §3.1.1 asks to see their presence; §3.3.1 stops seeing it. */
async function subscription(port: RosterEditPort, kind: 'subscribe' | 'unsubscribe', jid: string): Promise<string> {
  const item = port.item(jid);
  if (kind === 'subscribe') {
    if (seesTheirs(item)) return `you see ${jid}'s presence already`;
    await port.send(buildSubscriptionPresence(jid, 'subscribe'));
    return `asked to see ${jid}'s presence; the roster marks them as waiting until they answer`;
  }
  if (!seesTheirs(item) && item?.ask !== 'subscribe') throw new Error(`you do not see ${jid}'s presence, nor asked to; nothing to cancel`);
  await port.send(buildSubscriptionPresence(jid, 'unsubscribe'));
  return `you no longer see ${jid}'s presence${seesOurs(item) ? ' (they still see yours: /roster remove cancels both)' : ''}`;
}

/**
 * RFC 6121 §3.4: "the user's client sends a presence stanza of type 'subscribed' to the contact"
 * before they ask, and the server approves their request when it comes. Only where the server
 * says it does (§3.4.1); otherwise it would ignore the stanza, and natter says so instead.
 */
async function approve(port: RosterEditPort, jid: string): Promise<string> {
  const item = port.item(jid);
  if (seesOurs(item)) return `${jid} sees your presence already`;
  if (port.pending().includes(jid)) {
    await port.send(buildSubscriptionPresence(jid, 'subscribed'));
    port.answered(jid);
    return `${jid} had asked to see your presence, and now may`;
  }
  if (!port.preApproval()) {
    throw new Error(`your server does not offer pre-approval (RFC 6121 §3.4), so ${jid} can not be let in before asking; when they ask, /accept ${jid}`);
  }
  await port.send(buildSubscriptionPresence(jid, 'subscribed'));
  return `pre-approved ${jid}: when they ask to see your presence, your server lets them at once`;
}
