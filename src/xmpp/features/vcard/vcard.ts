import xml, { type Element } from '@xmpp/xml';

/** XEP-0054 §2: the namespace of the vCard element (vcard-temp, the vCard 3.0 draft in XML). */
export const NS_VCARD = 'vcard-temp';

/** One field of a vCard as natter shows it: a label and its value, bounded, still raw. */
export interface VcardField {
  label: string;
  value: string;
}

/** The most fields read from a vCard: a person's has a dozen; one with thousands is not a person's. */
export const MAX_VCARD_FIELDS = 40;
/** The longest value kept: a note or a description may run to a paragraph. */
export const MAX_VCARD_VALUE = 1000;

/** XEP-0054 §3.1 / §3.2: an empty <vCard/> in an IQ get (to a bare JID, or none for one's own). */
export function buildVcardQuery(): Element {
  return xml('vCard', { xmlns: NS_VCARD });
}

/** Fields whose value is the element's own text: vcard-temp element name → label. */
const TEXT_FIELDS: Record<string, string> = {
  FN: 'name', NICKNAME: 'nickname', BDAY: 'birthday', URL: 'web', TITLE: 'title', ROLE: 'role',
  NOTE: 'note', DESC: 'about', JABBERID: 'JID', TZ: 'time zone', CATEGORIES: 'categories',
};

/** Fields made of parts (XEP-0054's DTD): element name → label and the parts, in the order shown. */
const PART_FIELDS: Record<string, { label: string; parts: string[] }> = {
  N: { label: 'full name', parts: ['PREFIX', 'GIVEN', 'MIDDLE', 'FAMILY', 'SUFFIX'] },
  EMAIL: { label: 'email', parts: ['USERID'] },
  TEL: { label: 'phone', parts: ['NUMBER'] },
  ORG: { label: 'organisation', parts: ['ORGNAME', 'ORGUNIT'] },
  ADR: { label: 'address', parts: ['POBOX', 'EXTADD', 'STREET', 'LOCALITY', 'REGION', 'PCODE', 'CTRY'] },
};

export type VcardParse = { ok: true; fields: VcardField[]; left: number } | { ok: false; reason: string };

/**
 * Reads a vcard-temp <vCard/> into the fields natter shows, in the vCard's order: the text
 * fields and the structured ones (a name's parts joined by spaces, an address's by commas).
 * Empty fields are skipped (Prosody sends an empty <N/>); PHOTO is the avatar's, not shown
 * here; unknown elements are skipped. At most MAX_VCARD_FIELDS, the rest counted in `left`.
 */
export function parseVcard(vcard: Element | undefined): VcardParse {
  if (!vcard || !vcard.is('vCard', NS_VCARD)) return { ok: false, reason: 'no <vCard xmlns="vcard-temp"/> in the answer' };
  return readFields(vcard, readField);
}

/** The fields `read` makes of a card's child elements, in order: at most MAX_VCARD_FIELDS, the rest counted in `left`. */
export function readFields(card: Element, read: (element: Element) => VcardField | undefined): VcardParse {
  const fields: VcardField[] = [];
  let left = 0;
  for (const child of card.children) {
    if (typeof child === 'string') continue;
    const field = read(child);
    if (!field) continue;
    if (fields.length < MAX_VCARD_FIELDS) fields.push(field);
    else left += 1;
  }
  return { ok: true, fields, left };
}

function readField(element: Element): VcardField | undefined {
  const text = TEXT_FIELDS[element.name];
  if (text !== undefined) {
    const value = bounded(element.text());
    return value ? { label: text, value } : undefined;
  }
  const parts = PART_FIELDS[element.name];
  if (parts === undefined) return undefined;
  const values = parts.parts.map((name) => bounded(element.getChildText(name) ?? '')).filter((v) => v !== '');
  const value = values.join(element.name === 'ADR' ? ', ' : ' ').slice(0, MAX_VCARD_VALUE);
  return value ? { label: parts.label, value } : undefined;
}

const bounded = (text: string): string => text.slice(0, MAX_VCARD_VALUE * 4).trim().slice(0, MAX_VCARD_VALUE);
