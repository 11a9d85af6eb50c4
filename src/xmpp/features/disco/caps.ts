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

/** XEP-0115 §5.1 steps 1–5 (natter publishes no extended forms, step 6). */
export function verificationString(identities: readonly Identity[], features: readonly string[]): string {
  const sorted = [...identities].sort(
    (a, b) => octet(a.category, b.category) || octet(a.type, b.type) || octet(a.lang ?? '', b.lang ?? '') || octet(a.name, b.name),
  );
  let s = '';
  for (const i of sorted) s += `${i.category}/${i.type}/${i.lang ?? ''}/${i.name}<`;
  for (const feature of [...features].sort(octet)) s += `${feature}<`;
  return s;
}

/** XEP-0115 §5.1 step 7: SHA-1 of the UTF-8 string, base64 encoded. */
export function capsVer(identities: readonly Identity[], features: readonly string[]): string {
  return createHash('sha1').update(verificationString(identities, features), 'utf8').digest('base64');
}

/** A disco#info answer and its caps (node and hash), for what advertised.ts collected. */
export function capsOf(identities: readonly Identity[], features: readonly string[]): Caps {
  return { identities, features, node: NATTER_URI, ver: capsVer(identities, features) };
}
