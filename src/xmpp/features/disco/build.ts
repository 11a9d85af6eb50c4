import xml, { type Element } from '@xmpp/xml';
import type { Caps } from './caps.js';
import { NS_CAPS, NS_DISCO_INFO, NS_VERSION } from './entity.js';

/** XEP-0115 §4: the caps element every available presence carries. */
export function buildCaps(caps: Caps): Element {
  return xml('c', { xmlns: NS_CAPS, hash: 'sha-1', node: caps.node, ver: caps.ver });
}

/** XEP-0030 §3.1 result payload; `node` echoes the asked node (XEP-0115 §6.2: "node#ver"). */
export function buildDiscoInfo(caps: Caps, node?: string): Element {
  return xml(
    'query',
    node === undefined ? { xmlns: NS_DISCO_INFO } : { xmlns: NS_DISCO_INFO, node },
    ...caps.identities.map((i) => xml('identity', { category: i.category, type: i.type, name: i.name, ...(i.lang ? { 'xml:lang': i.lang } : {}) })),
    ...caps.features.map((f) => xml('feature', { var: f })),
  );
}

/** XEP-0092 §2: name and version; no <os/>, which would tell strangers what to attack. */
export function buildVersion(name: string, version: string): Element {
  return xml('query', { xmlns: NS_VERSION }, xml('name', {}, name), xml('version', {}, version));
}
