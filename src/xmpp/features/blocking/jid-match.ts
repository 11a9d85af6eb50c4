import { canonicalJid } from '../../../domain/jid.js';

/** A JID as it goes on the block list (any JID: XEP-0191 v1.3 "Clarify that arbitrary JIDs may be blocked"), or '' when it is not one. */
export const blockJid = canonicalJid;

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
