import type { MessageHistory } from '../../history/message-history.js';
import { fetchOlder } from '../../xmpp/features/mam/older.js';
import type { MamPort } from '../../xmpp/features/mam/mam.js';
import { chatRow } from '../conversations/history-rows.js';

/** Messages asked of the server archive per page when scrolling back. */
export const ARCHIVE_PAGE = 50;

export interface OlderResult {
  /** Messages that were not in the history yet. */
  stored: number;
  /** The server archive has nothing older for this conversation. */
  complete: boolean;
}

/**
 * Scrolling back past the local history: older pages of one conversation from the account's
 * server archive (XEP-0313), stored in the history (one transaction per page) so the chat
 * tab reads them like any stored page. The cursor per conversation is the oldest archive id
 * seen, so a page made only of messages already stored still moves further back.
 */
export function createArchivePaging(
  account: string,
  history: MessageHistory,
  onRejected: (reason: string) => void,
  /** A receipt in a page confirms our message `id` to `peer` (XEP-0184), once the page is stored. */
  delivered: (peer: string, id: string) => void = () => undefined,
) {
  const cursors = new Map<string, { before?: string; complete: boolean }>();
  const running = new Map<string, Promise<OlderResult>>();

  const older = async (port: MamPort, peer: string): Promise<OlderResult> => {
    const known = cursors.get(peer);
    if (known?.complete) return { stored: 0, complete: true };
    const start = history.oldest(account, peer);
    const before = known?.before ?? start?.stanzaId ?? undefined;
    const page = await fetchOlder(port, account, {
      with: peer,
      max: ARCHIVE_PAGE,
      ...(before ? { before } : start ? { end: start.at - 1 } : {}),
    });
    for (const reason of page.rejected) onRejected(reason);
    // Rows are ordered by (time, row id), and archive stamps have whole seconds: a page stored
    // after the newer rows of the same second would sort after them. Such a row is placed 1 ms
    // before the oldest stored one, which keeps the archive's order (the stamp has no ms to lose).
    const limit = history.oldest(account, peer)?.at;
    const placed = page.messages.map((m) => (limit !== undefined && m.at >= limit ? { ...m, at: limit - 1 } : m));
    // One at a time inside the transaction: a correction finds an original stored just before it.
    const results = history.transaction(() => placed.map((m) => history.add(chatRow(history, account, m).row)));
    // A receipt whose message is on a page further back finds nothing yet: that message stays ✓.
    for (const receipt of page.receipts) delivered(receipt.peer, receipt.id);
    const complete = page.complete || !page.first;
    cursors.set(peer, { ...(page.first ? { before: page.first } : before ? { before } : {}), complete });
    return { stored: results.filter((r) => !r.duplicate).length, complete };
  };

  return {
    /** One page further back; a second call while one runs for the same peer shares it. */
    older(port: MamPort, peer: string): Promise<OlderResult> {
      const pending = running.get(peer);
      if (pending) return pending;
      const next = older(port, peer).finally(() => running.delete(peer));
      running.set(peer, next);
      return next;
    },
  };
}
