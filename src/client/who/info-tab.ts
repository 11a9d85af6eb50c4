import { describeLastActivity } from '../../commands/builtin/last.js';
import { describeLocalTime } from '../../commands/builtin/time.js';
import type { EntityTime, LastActivityAnswer, VersionResult } from '../../commands/types.js';
import { bareJid } from '../../domain/jid.js';
import type { RosterItem } from '../../domain/roster.js';
import { boundedLine, sanitizeLine } from '../../domain/sanitize.js';
import { tabIdOf } from '../../domain/tab-address.js';
import type { Store } from '../../store/create-store.js';
import type { CapsIdentity } from '../../xmpp/features/peer-caps/parse.js';
import type { PresenceUpdate } from '../../xmpp/features/presence/parse.js';
import type { ContactProfile } from '../roster/roster-sync.js';
import { askLastActivity } from '../presence/ask-last.js';
import { askEntityTime } from '../time/ask-time.js';
import type { Clock } from '../time/clock.js';
import { queryTarget, type AskPort } from './ask-entity.js';
import { askVcard, type Vcard } from './ask-vcard.js';
import { askSoftwareVersion } from './ask-who.js';
import type { Picture } from '../../domain/picture.js';
import type { AvatarCache } from '../avatars/avatar-cache.js';
import { avatarOf, type KnownHashes } from '../avatars/peer-avatar.js';

/** What /info needs of an account (its runtime satisfies it). */
export interface InfoPort extends AskPort {
  readonly jid: string;
  /** What the current session knows of a contact; undefined while offline. */
  contactProfile(jid: string): ContactProfile | undefined;
  /** Who a device says it is in its caps (XEP-0115: its disco identity), once they are known. */
  deviceIdentity(full: string): CapsIdentity | undefined;
}

/** Where /info finds avatars: the cache, and the photo hash a contact's presence gave (XEP-0153). */
export interface InfoAvatars {
  cache: AvatarCache;
  known(bare: string): KnownHashes;
}

/** Devices asked for their client and time: a contact has a few; a hundred would be a hundred questions each. */
export const MAX_DEVICES_ASKED = 10;
/** The longest status text, group name or vCard value shown. */
const SHOWN = 200;

/**
 * Opens (or refreshes) the /info tab of `written`, filled by gatherInfo as the answers come.
 * Returns the tab's id; throws, opening nothing, when it is not a JID or the account is offline.
 */
export function openInfoTab(store: Store, port: InfoPort, written: string, clock?: Clock, avatars?: InfoAvatars): string {
  const bare = bareJid(written);
  const tabId = tabIdOf({ kind: 'info', jid: bare });
  let opened = false;
  const open = (): void => {
    if (store.getState().tabs.some((t) => t.id === tabId)) store.dispatch({ type: 'lines/clear', tabId });
    store.dispatch({ type: 'tab/open', id: tabId, kind: 'info', title: `info ${sanitizeLine(bare)}`, focus: true });
    opened = true;
  };
  void gatherInfo(port, written, (text, picture) => {
    if (!opened) open();
    // Closed while the answers came: they go nowhere.
    if (store.getState().tabs.some((t) => t.id === tabId)) store.dispatch({ type: 'line/append', tabId, kind: 'info', text, ...(picture ? { picture } : {}) });
  }, clock, avatars);
  return tabId;
}

/**
 * /info without a screen (`natter run`): the same sections as the tab, once every answer is in,
 * one after another. Throws when it is not a JID or the account is offline.
 */
export async function infoText(port: InfoPort, written: string, clock?: Clock): Promise<string> {
  const sections: string[] = [];
  await gatherInfo(port, written, (text) => sections.push(text), clock);
  return sections.join('\n');
}

/**
 * Who `written` is, section by section to `say`: what the roster says at once, then each
 * online device's client (XEP-0092), local time (XEP-0202) and idle time (XEP-0012), then the
 * vCard (XEP-0054), then, with `avatars`, the avatar to draw (XEP-0084, XEP-0153: peer-avatar.ts),
 * each as its answers come, in that order. A full JID narrows the devices to that one. Throws
 * before saying anything when it is not a JID or the account is offline; otherwise resolves
 * once the last section is said.
 */
function gatherInfo(port: InfoPort, written: string, say: (text: string, picture?: Picture) => void, clock?: Clock, avatars?: InfoAvatars): Promise<void> {
  queryTarget(port, written, false);
  const bare = bareJid(written);
  const profile = port.contactProfile(bare);
  if (!profile) throw new Error(`${port.jid} is offline; /connect ${port.jid} first`);
  const resource = written.includes('/') ? written.slice(written.indexOf('/') + 1) : undefined;
  const devices = profile.resources.filter((r) => resource === undefined || r.resource === resource);
  say(describeRoster(bare, port.jid, profile.item));
  say(devices.length === 0 ? `no device of ${sanitizeLine(bare)} is online${resource === undefined ? '' : ` as ${sanitizeLine(resource)}`} (as far as ${sanitizeLine(port.jid)} can see)` : `${devices.length} device${devices.length === 1 ? '' : 's'} online:`);
  const fullOf = (device: PresenceUpdate): string => (device.resource ? `${bare}/${device.resource}` : bare);
  // Every question is asked now; the answers are written in order as they come.
  const asked = devices.slice(0, MAX_DEVICES_ASKED).map((device) => {
    const full = fullOf(device);
    return { device, answers: Promise.allSettled([askSoftwareVersion(port, full), askEntityTime(port, full, clock), askLastActivity(port, full)]) };
  });
  const vcard = askVcard(port, bare).then((card) => ({ card }), (error: unknown) => ({ error: String((error as Error).message ?? error) }));
  const avatar = avatars ? avatarOf(port, avatars.cache, bare, avatars.known(bare)) : undefined;
  return (async () => {
    for (const { device, answers } of asked) {
      const [version, time, last] = await answers;
      say(describeDevice(bare, device, { version, time, last }, port.deviceIdentity(fullOf(device))));
    }
    for (const device of devices.slice(MAX_DEVICES_ASKED)) say(describeDevice(bare, device, undefined, port.deviceIdentity(fullOf(device))));
    say(describeVcard(await vcard));
    const drawn = await avatar;
    if (drawn) say(drawn.caption, drawn.picture);
  })();
}

const SUBSCRIPTION: Record<RosterItem['subscription'], string> = {
  both: "you see each other's presence",
  to: 'you see their presence; they do not see yours',
  from: 'they see your presence; you do not see theirs',
  none: "neither of you sees the other's presence",
  remove: 'being removed',
};

/** "bob@x (Bob)" and the roster's say: subscription (RFC 6121 §2.1.2.5) and groups. */
export function describeRoster(bare: string, account: string, item: RosterItem | undefined): string {
  const who = sanitizeLine(bare);
  if (!item) return `${who}\n  roster: not in the roster of ${sanitizeLine(account)}, so natter sees no presence of theirs`;
  const name = item.name ? ` (${boundedLine(item.name, SHOWN)})` : '';
  const asked = item.ask === 'subscribe' ? '; you asked to see their presence and wait for their answer' : '';
  const groups = item.groups.length === 0 ? 'no group' : `groups ${item.groups.map((g) => boundedLine(g, SHOWN)).join(', ')}`;
  return `${who}${name}\n  roster: subscription ${item.subscription}: ${SUBSCRIPTION[item.subscription]}${asked}; ${groups}`;
}

/** What a device answered (or why not): its client, its local time, its idle time. */
export interface DeviceAnswers {
  version: PromiseSettledResult<VersionResult>;
  time: PromiseSettledResult<EntityTime>;
  last: PromiseSettledResult<LastActivityAnswer>;
}

/**
 * One device: its presence, the client its caps name (their disco identity, and node), its
 * client, local time and idle time (each answer, or why there is none).
 */
export function describeDevice(bare: string, device: PresenceUpdate, answers?: DeviceAnswers, identity?: CapsIdentity): string {
  const full = sanitizeLine(device.resource ? `${bare}/${device.resource}` : bare);
  const status = device.status ? `, "${boundedLine(device.status, SHOWN)}"` : '';
  const lines = [`${full}: ${device.show}${status}, priority ${device.priority}`];
  if (device.caps) lines.push(`  software (caps): ${identity ? `${describeIdentity(identity)}, ` : ''}${boundedLine(device.caps.node, SHOWN)}`);
  if (!answers) return [...lines, `  not asked: natter asks the first ${MAX_DEVICES_ASKED} devices only`].join('\n');
  const { version, time, last } = answers;
  lines.push(`  client: ${version.status === 'fulfilled' ? describeClient(version.value) : reason(version.reason)}`);
  lines.push(`  time: ${time.status === 'fulfilled' ? describeLocalTime(time.value) : reason(time.reason)}`);
  lines.push(`  activity: ${last.status === 'fulfilled' ? describeLastActivity(last.value) : reason(last.reason)}`);
  return lines.join('\n');
}

/** "Gajim (client/pc)": a caps identity, its name first (a nameless one by its kind alone). */
function describeIdentity(identity: CapsIdentity): string {
  const kind = `${boundedLine(identity.category, 40)}/${boundedLine(identity.type, 40)}`;
  const name = boundedLine(identity.name, 80);
  return name ? `${name} (${kind})` : kind;
}

function describeClient(version: VersionResult): string {
  const os = version.os === undefined ? '' : ` on ${boundedLine(version.os, 80)}`;
  return `${boundedLine(version.name, 80)} ${boundedLine(version.version, 80)}${os}`;
}

const reason = (error: unknown): string => sanitizeLine(error instanceof Error ? error.message : String(error));

/** The vCard's fields, one a line, or that there is none, or why it could not be read. */
export function describeVcard(result: { card: Vcard } | { error: string }): string {
  if ('error' in result) return `vCard: ${sanitizeLine(result.error)}`;
  const { fields, left, source } = result.card;
  if (fields.length === 0 && left === 0) return 'vCard: none published';
  const more = left > 0 ? [`  … and ${left} more fields not shown`] : [];
  return [source === 'vCard4' ? 'vCard (vCard4, XEP-0292):' : 'vCard:', ...fields.map((f) => `  ${f.label}: ${boundedLine(f.value, SHOWN * 5)}`), ...more].join('\n');
}
