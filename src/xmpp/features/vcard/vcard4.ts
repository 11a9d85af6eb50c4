import xml, { type Element } from '@xmpp/xml';
import { MAX_VCARD_VALUE, readFields, type VcardField, type VcardParse } from './vcard.js';

/** XEP-0292 §2: the vCard4 XML namespace (RFC 6351) and the PEP node it is published on. */
export const NS_VCARD4 = 'urn:ietf:params:xml:ns:vcard-4.0';
export const NODE_VCARD4 = 'urn:xmpp:vcard4';
const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';

/** XEP-0292 §3.1 / XEP-0060 §6.5.7: the latest item of the account's vCard4 node. */
export function buildVcard4Query(): Element {
  return xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: NODE_VCARD4, max_items: '1' }));
}

/** Properties whose value is one child (RFC 6351 §5: text, uri or date), with the label natter shows, the same as vcard-temp's. */
const VALUE_FIELDS: Record<string, { label: string; value: string; strip?: string }> = {
  fn: { label: 'name', value: 'text' }, nickname: { label: 'nickname', value: 'text' }, bday: { label: 'birthday', value: 'date' },
  url: { label: 'web', value: 'uri' }, title: { label: 'title', value: 'text' }, role: { label: 'role', value: 'text' },
  note: { label: 'note', value: 'text' }, email: { label: 'email', value: 'text' }, org: { label: 'organisation', value: 'text' },
  tel: { label: 'phone', value: 'uri', strip: 'tel:' }, impp: { label: 'JID', value: 'uri', strip: 'xmpp:' }, tz: { label: 'time zone', value: 'text' },
};

/** Properties made of parts (RFC 6351 §5.3 n, §5.4 adr), joined as vcard-temp's are. */
const PART_FIELDS: Record<string, { label: string; parts: string[]; join: string }> = {
  n: { label: 'full name', parts: ['prefix', 'given', 'additional', 'surname', 'suffix'], join: ' ' },
  adr: { label: 'address', parts: ['pobox', 'ext', 'street', 'locality', 'region', 'code', 'country'], join: ', ' },
};

/**
 * Reads the <vcard/> of a vCard4 PEP answer (pubsub > items > item > vcard) into the same
 * fields as a vcard-temp one. No item is no vCard (fields empty); at most MAX_VCARD_FIELDS.
 */
export function parseVcard4(pubsub: Element | undefined): VcardParse {
  if (!pubsub || !pubsub.is('pubsub', NS_PUBSUB)) return { ok: false, reason: 'no <pubsub/> in the answer' };
  const item = pubsub.getChild('items')?.getChild('item');
  if (!item) return { ok: true, fields: [], left: 0 };
  const vcard = item.getChild('vcard', NS_VCARD4);
  if (!vcard) return { ok: false, reason: 'no vCard4 <vcard/> in the item' };
  return readFields(vcard, readField);
}

function readField(property: Element): VcardField | undefined {
  const simple = VALUE_FIELDS[property.name];
  if (simple) {
    let value = bounded(property.getChildText(simple.value) ?? '');
    if (simple.strip && value.startsWith(simple.strip)) value = value.slice(simple.strip.length);
    return value ? { label: simple.label, value } : undefined;
  }
  const parts = PART_FIELDS[property.name];
  if (!parts) return undefined;
  const value = parts.parts.map((name) => bounded(property.getChildText(name) ?? '')).filter((v) => v !== '').join(parts.join).slice(0, MAX_VCARD_VALUE);
  return value ? { label: parts.label, value } : undefined;
}

const bounded = (text: string): string => text.slice(0, MAX_VCARD_VALUE * 4).trim().slice(0, MAX_VCARD_VALUE);
