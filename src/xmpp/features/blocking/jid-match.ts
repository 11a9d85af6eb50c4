import { bareJid } from '../../../domain/jid.js';

/** A resource longer than this is not one (RFC 7622 §3.4: at most 1023 bytes). */
const MAX_RESOURCE = 1023;

/**
 * A JID as it goes on the block list, or '' when it is not one. XEP-0191 blocks any JID, not
 * only contacts (v1.3: "Clarify that arbitrary JIDs may be blocked"): a bare JID, a full JID (one
 * device, or one room occupant), a domain, or a domain with a resource. The local part and the
 * domain are lower-cased (the server's PRECIS preparation does the rest); the resource is kept
 * as written, since resources are case-sensitive.
 */
export function blockJid(written: string): string {
  const slash = written.indexOf('/');
  const bare = bareJid(slash < 0 ? written : written.slice(0, slash));
  if (!bare) return '';
  if (slash < 0) return bare;
  const resource = written.slice(slash + 1);
  // eslint-disable-next-line no-control-regex
  if (resource === '' || resource.length > MAX_RESOURCE || /[\u0000-\u001f\u007f]/.test(resource)) return '';
  return `${bare}/${resource}`;
}

/**
 * Whether a stanza from `from` comes from a JID on `blocked`. XEP-0191 §6 matches JIDs as
 * Privacy Lists do, XEP-0016 §2.1: "<user@domain/resource> (only that resource matches);
 * <user@domain> (any resource matches); <domain/resource> (only that resource matches);
 * <domain> (the domain itself matches, as does any user@domain or domain/resource)".
 */
export function isBlockedJid(blocked: ReadonlySet<string>, from: string): boolean {
  if (blocked.size === 0) return false;
  const jid = blockJid(from);
  if (!jid) return false;
  const slash = jid.indexOf('/');
  const bare = slash < 0 ? jid : jid.slice(0, slash);
  const domain = bare.slice(bare.indexOf('@') + 1);
  // The full JID covers both resource rules: user@domain/resource, and domain/resource when
  // there is no user (a domain/resource item does not match user@domain/resource).
  return blocked.has(bare) || blocked.has(domain) || (slash >= 0 && blocked.has(jid));
}
