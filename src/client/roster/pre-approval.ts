import type { Element } from '@xmpp/xml';
import { offersPreApproval } from '../../xmpp/features/roster/pre-approval.js';

/**
 * Whether the server offers subscription pre-approval (RFC 6121 §3.4.1), read from the stream
 * features of each (re)login: the last ones of a login are those after authentication, which is
 * where servers offer it (Prosody only to an authenticated stream).
 */
export function watchPreApproval(client: { on(event: 'nonza', listener: (element: Element) => void): unknown }): () => boolean {
  let offered = false;
  client.on('nonza', (element) => {
    const offers = offersPreApproval(element);
    if (offers !== undefined) offered = offers;
  });
  return () => offered;
}
