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
