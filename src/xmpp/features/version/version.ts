import xml, { type Element } from '@xmpp/xml';
import { NS_VERSION } from '../disco/entity.js';

/** What an entity says it runs (XEP-0092 §2), each field bounded; os only where it told. */
export interface SoftwareVersion {
  name: string;
  version: string;
  os?: string;
}

export type VersionParse = ({ ok: true } & SoftwareVersion) | { ok: false; reason: string };

/** The longest text kept of a field: "Gajim", "1.8.4", "Debian GNU/Linux 13 (trixie)" are far shorter. */
export const MAX_VERSION_FIELD = 100;

/** XEP-0092 §2: the query, an empty <query xmlns="jabber:iq:version"/> in an IQ get. */
export function buildVersionQuery(): Element {
  return xml('query', { xmlns: NS_VERSION });
}

/**
 * Reads the <query/> of an XEP-0092 answer. §2: "<name/> ... REQUIRED", "<version/> ...
 * REQUIRED", "<os/> ... OPTIONAL". A missing name or version is a reason, not an exception;
 * texts are cut to MAX_VERSION_FIELD (still raw: the caller makes them inert).
 */
export function parseVersion(query: Element | undefined): VersionParse {
  if (!query || !query.is('query', NS_VERSION)) return { ok: false, reason: 'no <query xmlns="jabber:iq:version"/> in the answer' };
  const name = field(query, 'name');
  const version = field(query, 'version');
  if (!name) return { ok: false, reason: 'no <name/> in the answer' };
  if (!version) return { ok: false, reason: 'no <version/> in the answer' };
  const os = field(query, 'os');
  return { ok: true, name, version, ...(os ? { os } : {}) };
}

function field(query: Element, name: string): string | undefined {
  const text = query.getChild(name)?.text();
  return text === undefined ? undefined : text.slice(0, MAX_VERSION_FIELD * 4).trim().slice(0, MAX_VERSION_FIELD) || undefined;
}
