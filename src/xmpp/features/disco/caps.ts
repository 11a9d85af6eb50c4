import { createHash } from 'node:crypto';
import { NATTER_URI, type Identity } from './entity.js';

export interface Caps {
  identities: readonly Identity[];
  features: readonly string[];
  node: string;
  /** The SHA-1 verification string (base64), the `ver` of the <c/> element. */
  ver: string;
}

/** "i;octet" (RFC 4790): byte order of the UTF-8 encoding, which is not JS string order. */
const octet = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** An XEP-0128 extended form of a disco#info answer: its FORM_TYPE and its other fields' values by var. */
export interface ExtendedForm {
  formType: string;
  fields: ReadonlyArray<{ name: string; values: readonly string[] }>;
}

/**
 * XEP-0115 §5.1 (natter publishes no extended forms; other clients' answers carry them, and
 * step 6 puts them in the string: "sort the forms by the FORM_TYPE … Sort the fields by the
 * value of the "var" attribute … Sort values by the XML character data of the <value/> element").
 */
export function verificationString(identities: readonly Identity[], features: readonly string[], forms: readonly ExtendedForm[] = []): string {
  const sorted = [...identities].sort(
    (a, b) => octet(a.category, b.category) || octet(a.type, b.type) || octet(a.lang ?? '', b.lang ?? '') || octet(a.name, b.name),
  );
  let s = '';
  for (const i of sorted) s += `${i.category}/${i.type}/${i.lang ?? ''}/${i.name}<`;
  for (const feature of [...features].sort(octet)) s += `${feature}<`;
  for (const form of [...forms].sort((a, b) => octet(a.formType, b.formType))) {
    s += `${form.formType}<`;
    for (const field of [...form.fields].sort((a, b) => octet(a.name, b.name))) {
      s += `${field.name}<`;
      for (const value of [...field.values].sort(octet)) s += `${value}<`;
    }
  }
  return s;
}

/** XEP-0115 §5.1 step 7: SHA-1 of the UTF-8 string, base64 encoded. */
export function capsVer(identities: readonly Identity[], features: readonly string[], forms: readonly ExtendedForm[] = []): string {
  return createHash('sha1').update(verificationString(identities, features, forms), 'utf8').digest('base64');
}

/** A disco#info answer and its caps (node and hash), for what advertised.ts collected. */
export function capsOf(identities: readonly Identity[], features: readonly string[]): Caps {
  return { identities, features, node: NATTER_URI, ver: capsVer(identities, features) };
}
