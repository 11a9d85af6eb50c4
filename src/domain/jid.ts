/**
 * "user@host/res" → "user@host" with local part and domain lower-cased; '' when it is not a
 * plausible JID (RFC 7622 §3: at most one @ before the domain, no spaces or XML specials,
 * each part non-empty). Full PRECIS preparation is the server's job; this guards display
 * and routing against junk from the network and typos on the command line.
 */
export function bareJid(jid: string): string {
  const slash = jid.indexOf('/');
  const bare = (slash < 0 ? jid : jid.slice(0, slash)).toLowerCase();
  if (!bare || bare.length > 3071 || /[\s<>"'&]/.test(bare)) return '';
  const at = bare.indexOf('@');
  if (at === 0 || at === bare.length - 1 || bare.indexOf('@', at + 1) >= 0) return '';
  if (bare.endsWith('.') || bare.includes('..')) return '';
  return bare;
}

/** The domain of a JID ("user@host/res" → "host"), lower-cased; '' when it is not a plausible JID. */
export function jidDomain(jid: string): string {
  const bare = bareJid(jid);
  return bare.slice(bare.indexOf('@') + 1);
}

/** True for "name@server" written as such (no resource, already in canonical lower case). */
export function isBareJid(jid: string): boolean {
  return !jid.includes('/') && jid.includes('@') && bareJid(jid) === jid;
}

/** A resource longer than this is not one (RFC 7622 §3.4 allows 1023 bytes; a bound, counted in characters). */
const MAX_RESOURCE = 1023;

/**
 * A JID in any of its forms, written one way, or '' when it is not one: a bare JID, a full JID
 * (one device, or one room occupant), a domain, or a domain with a resource. The local part and
 * the domain are lower-cased (the server's PRECIS preparation does the rest); the resource is
 * kept as written, since resources are case-sensitive (RFC 7622 §3.4).
 */
export function canonicalJid(written: string): string {
  const slash = written.indexOf('/');
  const bare = bareJid(slash < 0 ? written : written.slice(0, slash));
  if (!bare) return '';
  if (slash < 0) return bare;
  const resource = written.slice(slash + 1);
  // eslint-disable-next-line no-control-regex
  if (resource === '' || resource.length > MAX_RESOURCE || /[\u0000-\u001f\u007f]/.test(resource)) return '';
  return `${bare}/${resource}`;
}
