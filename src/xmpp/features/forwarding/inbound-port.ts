import type { Element } from '@xmpp/xml';
import type { InboundMessage } from './unwrap.js';

export type Unsubscribe = () => void;

/** An archive result (or a forged one, rejected) for the query that asked for it. */
export type ArchiveDelivery = Extract<InboundMessage, { via: 'archive' }> | { via: 'rejected'; reason: string };

/**
 * What the features read their stanzas from: one router per session (client/inbound) that
 * took the forwarding off once, with its checks. Each listener is told in order of arrival.
 */
export interface InboundPort {
  /** Messages as they arrived, and carbons (archive results go to their query instead). */
  onMessage(listener: (message: Exclude<InboundMessage, { via: 'archive' }>) => void): Unsubscribe;
  onPresence(listener: (stanza: Element) => void): Unsubscribe;
  /** The results of one archive query (XEP-0313 §4.2: they carry its queryid). */
  onArchive(queryId: string, listener: (result: ArchiveDelivery) => void): Unsubscribe;
}
