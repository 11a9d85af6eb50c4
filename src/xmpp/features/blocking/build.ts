import xml, { type Element } from '@xmpp/xml';

/** XEP-0191 §3.1: the feature a server that supports blocking advertises, and the namespace of its elements. */
export const NS_BLOCKING = 'urn:xmpp:blocking';
/**
 * XEP-0377 "Discovering Support": entities that take reports with the blocking command "MUST
 * respond to service discovery requests with a feature of 'urn:xmpp:reporting:1'"; also the
 * namespace of its <report/>.
 */
export const NS_REPORTING = 'urn:xmpp:reporting:1';
/** XEP-0377: the reason of a report that says the blocked JID sends unwanted messages. */
export const REPORT_SPAM = 'urn:xmpp:reporting:spam';

/** XEP-0191 §3.2: the block list is asked for with an empty <blocklist/> in an IQ get to the account's server. */
export function buildBlocklistQuery(): Element {
  return xml('blocklist', { xmlns: NS_BLOCKING });
}

/**
 * XEP-0191 §3.3: a <block/> with an <item jid="..."/> per JID, at least one. With `spam`,
 * XEP-0377 extends the blocking command: each item carries a <report xmlns="urn:xmpp:reporting:1"/>,
 * and "Abuse reports MUST include a reason for the report in the 'reason' attribute".
 */
export function buildBlock(jids: readonly string[], options: { spam?: boolean } = {}): Element {
  const report = (): Element[] => (options.spam ? [xml('report', { xmlns: NS_REPORTING, reason: REPORT_SPAM })] : []);
  return xml('block', { xmlns: NS_BLOCKING }, ...jids.map((jid) => xml('item', { jid }, ...report())));
}

/**
 * XEP-0191 §3.4: <unblock/> with an <item/> per JID. No JIDs at all is §3.5, "User Unblocks All
 * Contacts": an empty <unblock/>, so only `unblockAll` builds one; an empty list here is an error.
 */
export function buildUnblock(jids: readonly string[]): Element {
  if (jids.length === 0) throw new Error('buildUnblock: no JIDs (an empty <unblock/> unblocks everyone: use buildUnblockAll)');
  return xml('unblock', { xmlns: NS_BLOCKING }, ...jids.map((jid) => xml('item', { jid })));
}

/** XEP-0191 §3.5: an empty <unblock/> unblocks every JID on the list. */
export function buildUnblockAll(): Element {
  return xml('unblock', { xmlns: NS_BLOCKING });
}
