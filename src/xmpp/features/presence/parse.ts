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
}

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
  };
}
