import xml, { type Element } from '@xmpp/xml';
import { isEditableVcardField, type EditableVcardField } from '../../../domain/vcard-fields.js';
import { MAX_VCARD_VALUE, NS_VCARD } from './vcard.js';

/** A field /vcard set edits: how it is written in vcard-temp (XEP-0054's DTD). */
interface EditableField {
  /** What the value must look like, and how to say it when it does not. */
  check?: { pattern: RegExp; expected: string };
  build(value: string): Element;
}

const text = (name: string) => (value: string): Element => xml(name, {}, value);

/**
 * The fields natter edits, by their vcard-temp names (what other clients and servers read):
 * the ones of a person's card that are one value. EMAIL, TEL and ORG are structured: one
 * address, one number and one organisation name each.
 */
export const EDITABLE_FIELDS: Record<EditableVcardField, EditableField> = {
  FN: { build: text('FN') },
  NICKNAME: { build: text('NICKNAME') },
  // XEP-0054 §2 (DTD): "ISO 8601 formatted" date; XEP-0082 §3 date "CCYY-MM-DD".
  BDAY: { check: { pattern: /^\d{4}-\d{2}-\d{2}$/, expected: 'a date written YYYY-MM-DD' }, build: text('BDAY') },
  URL: { check: { pattern: /^[a-z][a-z0-9+.-]*:\S+$/i, expected: 'a URL such as https://example.org' }, build: text('URL') },
  TITLE: { build: text('TITLE') },
  ROLE: { build: text('ROLE') },
  NOTE: { build: text('NOTE') },
  JABBERID: { check: { pattern: /^[^@/\s]+@[^@/\s]+$/, expected: 'a JID such as name@example.org' }, build: text('JABBERID') },
  EMAIL: { check: { pattern: /^[^@\s]+@[^@\s]+$/, expected: 'an address such as name@example.org' }, build: (value) => xml('EMAIL', {}, xml('INTERNET'), xml('USERID', {}, value)) },
  TEL: { check: { pattern: /^[+0-9 ()./-]{3,40}$/, expected: 'a phone number such as +1 303 555 0100' }, build: (value) => xml('TEL', {}, xml('VOICE'), xml('NUMBER', {}, value)) },
  ORG: { build: (value) => xml('ORG', {}, xml('ORGNAME', {}, value)) },
};

export type VcardEdit = { ok: true; vcard: Element } | { ok: false; reason: string };

/**
 * The whole vCard with one field set to `value` (or removed, when undefined): XEP-0054 §3.2
 * "the client MUST include the entire vCard, not only the fields that are changed", so every
 * other child of `current` (the photo, fields natter does not edit) is kept as it was. Each
 * element of that name is replaced by the one new one, in the first one's place.
 */
export function withField(current: Element | undefined, name: string, value: string | undefined): VcardEdit {
  const field = isEditableVcardField(name) ? EDITABLE_FIELDS[name] : undefined;
  if (!field) return { ok: false, reason: `natter does not edit ${name}; it edits ${Object.keys(EDITABLE_FIELDS).join(', ')}` };
  const written = value?.trim();
  if (written !== undefined) {
    if (written === '') return { ok: false, reason: `an empty ${name}: give a value, or clear the field` };
    if (written.length > MAX_VCARD_VALUE) return { ok: false, reason: `a ${name} of ${written.length} characters; at most ${MAX_VCARD_VALUE}` };
    if (field.check && !field.check.pattern.test(written)) return { ok: false, reason: `${name} must be ${field.check.expected}` };
  }
  const kept = (current?.is('vCard', NS_VCARD) ? current.children : []).filter((c): c is Element => typeof c !== 'string');
  const at = kept.findIndex((c) => c.name === name);
  const others = kept.filter((c) => c.name !== name).map(copy);
  if (written !== undefined) others.splice(at < 0 ? others.length : at, 0, field.build(written));
  return { ok: true, vcard: xml('vCard', { xmlns: NS_VCARD }, ...others) };
}

/** A deep copy, so the card sent does not take the children of the one read (appending re-parents them). */
export function copy(element: Element): Element {
  return xml(element.name, { ...element.attrs }, ...element.children.map((c) => (typeof c === 'string' ? c : copy(c))));
}
