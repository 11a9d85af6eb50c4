import type { Element } from '@xmpp/xml';
import { bareJid } from '../../../domain/jid.js';

export type Show = 'online' | 'away' | 'dnd' | 'xa' | 'chat' | 'offline';

export interface PresenceUpdate {
  /** Bare JID of the contact. */
  jid: string;
  resource: string;
  show: Show;
  status?: string;
  priority: number;
  /** XEP-0115: the software's node (its URI) and the hash of its features, where the presence carries them. */
  caps?: { node: string; ver: string };
}

const NS_CAPS = 'http://jabber.org/protocol/caps';
/** The longest caps node or ver kept: a project URI; a ver is a 28-character hash. */
const MAX_CAPS_TEXT = 200;

const SHOWS = new Set(['away', 'chat', 'dnd', 'xa']);

/**
 * Availability presence (RFC 6121 §4.7): no type = available, type "unavailable" = offline.
 * Subscription requests and errors are not availability and return undefined here.
 */
export function parsePresence(stanza: Element): PresenceUpdate | undefined {
  if (!stanza.is('presence')) return undefined;
  const type = stanza.attrs.type;
  if (type !== undefined && type !== 'unavailable') return undefined;
  const from = String(stanza.attrs.from ?? '');
  const jid = bareJid(from);
  if (!jid) return undefined;
  const slash = from.indexOf('/');
  const showText = stanza.getChildText('show') ?? '';
  const priority = Number.parseInt(stanza.getChildText('priority') ?? '0', 10);
  const status = stanza.getChildText('status');
  return {
    jid,
    resource: slash < 0 ? '' : from.slice(slash + 1),
    show: type === 'unavailable' ? 'offline' : SHOWS.has(showText) ? (showText as Show) : 'online',
    priority: Number.isFinite(priority) ? Math.max(-128, Math.min(127, priority)) : 0,
    ...(status === null ? {} : { status }),
    ...capsOf(stanza),
  };
}

/** XEP-0115 §4: <c node ver hash/>; kept only with both node and ver, each bounded. */
function capsOf(stanza: Element): { caps?: { node: string; ver: string } } {
  const c = stanza.getChild('c', NS_CAPS);
  const { node, ver } = c?.attrs ?? {};
  if (typeof node !== 'string' || typeof ver !== 'string' || node === '' || ver === '') return {};
  return { caps: { node: node.slice(0, MAX_CAPS_TEXT), ver: ver.slice(0, MAX_CAPS_TEXT) } };
}
