import xml, { type Element } from '@xmpp/xml';
import { NS_DISCO_INFO } from './entity.js';

export const NS_DISCO_ITEMS = 'http://jabber.org/protocol/disco#items';

/** An identity of a disco#info answer (XEP-0030 §3.1); texts bounded, still raw. */
export interface DiscoIdentity {
  category: string;
  type: string;
  name?: string;
}

/** What an entity says it is and does; `left` counts what was past the bounds, not kept. */
export interface DiscoInfo {
  identities: DiscoIdentity[];
  features: string[];
  left: number;
}

export interface DiscoItem {
  jid: string;
  node?: string;
  name?: string;
}

export interface DiscoItems {
  items: DiscoItem[];
  left: number;
}

export type DiscoParse<T> = ({ ok: true } & T) | { ok: false; reason: string };

/**
 * How much of an answer is kept: a server lists a few dozen features and items, a client a
 * few dozen features; anything past these is counted, not kept, so a hostile answer of 100,000
 * features costs no more than a screenful.
 */
export const MAX_DISCO_ENTRIES = 200;
/** The longest attribute kept: feature namespaces are URIs of well under this. */
export const MAX_DISCO_TEXT = 200;

/** XEP-0030 §3.1 / §4.1: a query, for a node of the entity when given. */
export function buildDiscoQuery(ns: typeof NS_DISCO_INFO | typeof NS_DISCO_ITEMS, node?: string): Element {
  return xml('query', node === undefined ? { xmlns: ns } : { xmlns: ns, node });
}

/**
 * Reads a disco#info answer. §3.1: "the target entity MUST return at least one identity" and
 * every feature has a `var`; an identity without category or type is skipped as unreadable.
 */
export function parseDiscoInfo(query: Element | undefined): DiscoParse<DiscoInfo> {
  if (!query || !query.is('query', NS_DISCO_INFO)) return { ok: false, reason: 'no disco#info <query/> in the answer' };
  const identities: DiscoIdentity[] = [];
  const features: string[] = [];
  let left = 0;
  for (const child of query.children) {
    if (typeof child === 'string') continue;
    if (identities.length + features.length >= MAX_DISCO_ENTRIES) {
      left += 1;
      continue;
    }
    if (child.is('identity')) {
      const category = attr(child, 'category');
      const type = attr(child, 'type');
      const name = attr(child, 'name');
      if (category && type) identities.push({ category, type, ...(name ? { name } : {}) });
    } else if (child.is('feature')) {
      const feature = attr(child, 'var');
      if (feature) features.push(feature);
    }
  }
  return { ok: true, identities, features, left };
}

/** Reads a disco#items answer (§4.1): each <item/> has a jid, and may have a node and a name. */
export function parseDiscoItems(query: Element | undefined): DiscoParse<DiscoItems> {
  if (!query || !query.is('query', NS_DISCO_ITEMS)) return { ok: false, reason: 'no disco#items <query/> in the answer' };
  const items: DiscoItem[] = [];
  let left = 0;
  for (const child of query.getChildren('item')) {
    const jid = attr(child, 'jid');
    if (!jid) continue;
    if (items.length >= MAX_DISCO_ENTRIES) {
      left += 1;
      continue;
    }
    const node = attr(child, 'node');
    const name = attr(child, 'name');
    items.push({ jid, ...(node ? { node } : {}), ...(name ? { name } : {}) });
  }
  return { ok: true, items, left };
}

function attr(element: Element, name: string): string | undefined {
  const value = element.attrs[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, MAX_DISCO_TEXT) : undefined;
}
