import xml, { type Element } from '@xmpp/xml';
import { NS_CAPS, NS_DISCO_INFO, type Identity } from '../disco/entity.js';
import { capsVer, type ExtendedForm } from '../disco/caps.js';

/** What another entity's presence says of its capabilities (XEP-0115 §4). */
export interface PeerCapsMark {
  node: string;
  ver: string;
}

// Bounds on what a peer can make natter keep: a ver is a base64 SHA-1 (28 characters).
const MAX_VER = 64;
const MAX_NODE = 512;
const MAX_FEATURES = 512;
const MAX_TEXT = 1024;
const NS_DATA = 'jabber:x:data';
/** A client's name is a few words ("Gajim", "Conversations 2.15"); category and type are registry words. */
const MAX_NAME = 100;
const MAX_WORD = 40;

/** Who the peer says it is (XEP-0030 identity, XEP-0115 §5.1): bounded, still raw (shown through sanitize). */
export interface CapsIdentity {
  category: string;
  type: string;
  name: string;
}

/**
 * The <c/> of an available presence, when it can be checked: XEP-0115 §5.4 "If the value of
 * the 'hash' attribute does not match one of the processing application's supported hash
 * functions, do the following: Send a service discovery information request … [or] consider
 * the entity's capabilities unknown": natter supports sha-1 (the one the XEP requires) and
 * counts anything else, or a legacy <c/> without a hash (§8.4), as unknown.
 */
export function parseCapsMark(presence: Element): PeerCapsMark | undefined {
  const c = presence.getChild('c', NS_CAPS);
  const { hash, node, ver } = c?.attrs ?? {};
  if (hash !== 'sha-1' || typeof node !== 'string' || typeof ver !== 'string') return undefined;
  if (!ver || ver.length > MAX_VER || node.length > MAX_NODE) return undefined;
  return { node, ver };
}

/** XEP-0115 §6.2: the disco#info query about one caps ver. */
export function buildCapsQuery(mark: PeerCapsMark): Element {
  return xml('query', { xmlns: NS_DISCO_INFO, node: `${mark.node}#${mark.ver}` });
}

/**
 * The features of a disco#info answer, and whether they hash to the ver asked about (§5.4:
 * "If the values of the received and reconstructed hashes do not match, the processing
 * application MUST consider the result to be invalid and MUST NOT globally cache the
 * verification string"). A reason instead when the answer can not be used.
 */
export function parseCapsAnswer(query: Element | undefined, ver: string): { features: ReadonlySet<string>; verified: boolean; identity?: CapsIdentity } | { reason: string } {
  if (!query?.is('query', NS_DISCO_INFO)) return { reason: 'no disco#info in the answer' };
  const identities: Identity[] = [];
  const features: string[] = [];
  const forms: ExtendedForm[] = [];
  for (const child of query.getChildElements()) {
    if (child.is('identity')) {
      const { category, type, name, 'xml:lang': lang } = child.attrs;
      if (typeof category !== 'string' || typeof type !== 'string') continue;
      identities.push({ category, type, name: typeof name === 'string' ? name : '', ...(typeof lang === 'string' ? { lang } : {}) });
    } else if (child.is('feature') && typeof child.attrs.var === 'string') features.push(child.attrs.var);
    else if (child.is('x', NS_DATA)) {
      const form = extendedForm(child);
      if (form) forms.push(form);
    }
  }
  if (features.length > MAX_FEATURES || features.some((f) => f.length > MAX_TEXT)) return { reason: 'the answer lists too many features' };
  // §5.4: an answer listing a feature twice, or two forms of one FORM_TYPE, is invalid.
  const unique = new Set(features);
  const verified = unique.size === features.length && new Set(forms.map((f) => f.formType)).size === forms.length && capsVer(identities, features, forms) === ver;
  const identity = clientIdentity(identities);
  return { features: unique, verified, ...(identity ? { identity } : {}) };
}

/**
 * The identity to show for a device: its client identity (category "client", XEP-0030's
 * registry), in English or without a language where it gives several, else its first one.
 */
function clientIdentity(identities: readonly Identity[]): CapsIdentity | undefined {
  const clients = identities.filter((i) => i.category === 'client');
  const pool = clients.length > 0 ? clients : identities;
  const chosen = pool.find((i) => i.lang === undefined || i.lang === 'en' || i.lang.startsWith('en-')) ?? pool[0];
  if (!chosen) return undefined;
  return { category: chosen.category.slice(0, MAX_WORD), type: chosen.type.slice(0, MAX_WORD), name: chosen.name.slice(0, MAX_NAME) };
}

/** An XEP-0128 form with its FORM_TYPE (a form without one is left out of the hash, §5.4). */
function extendedForm(x: Element): ExtendedForm | undefined {
  let formType: string | undefined;
  const fields: Array<{ name: string; values: string[] }> = [];
  for (const field of x.getChildren('field')) {
    const name = field.attrs.var;
    if (typeof name !== 'string') continue;
    const values = field.getChildren('value').map((v) => v.text());
    if (name === 'FORM_TYPE') formType = values[0];
    else fields.push({ name, values });
  }
  return formType === undefined ? undefined : { formType, fields };
}
