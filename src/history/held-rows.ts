import type { Delivery, MessageKind, NewMessage } from './message-history.js';

/** How often natter tries the database again while it can not be written. */
export const RETRY_MS = 3000;
/** Rows kept in memory at most while the database can not be written (about 1 KB each). */
export const MAX_HELD = 50_000;

/**
 * SQLite's primary result codes for a write refused by the database's surroundings, not by
 * natter's statement: BUSY (5) and LOCKED (6), another program holds the write lock;
 * READONLY (8); IOERR (10); FULL (13), the disk or `max_page_count`; CANTOPEN (14).
 */
const CANNOT_WRITE = new Set([5, 6, 8, 10, 13, 14]);

export function isWriteFailure(error: unknown): error is Error {
  const code = (error as { errcode?: unknown } | undefined)?.errcode;
  return error instanceof Error && typeof code === 'number' && CANNOT_WRITE.has(code & 0xff);
}

/** A history row that moved: from its id when it was written (or held) to the one it has now. */
export interface RowRekey {
  from: number;
  to: number;
}

/**
 * What the history says about its writes: `failed` once when writing stops working (`rekeyed`:
 * rows of the open transaction its rollback took back, held now), `recovered` when the held
 * rows are written at last (`rekeyed`: each one's held id and its row id).
 */
export type WriteTrouble = { kind: 'failed'; reason: string; rekeyed: RowRekey[] } | { kind: 'recovered'; rekeyed: RowRekey[] };

type HeldDelivery = [account: string, peer: string, originId: string, delivery: Delivery, kind: MessageKind | undefined];

/**
 * Messages kept in memory while the history can not be written, to be written when it can.
 * Their ids are negative: never a SQLite row id (those start at 1), so a line shows it is not
 * saved by its id alone, and no saved row is ever mistaken for one of them.
 */
export class HeldRows {
  #next = -1;
  readonly rows = new Map<number, NewMessage>();
  /** Delivery changes of rows saved before the trouble, applied when writing works again. */
  readonly deliveries: HeldDelivery[] = [];
  readonly #byStanzaId = new Map<string, number>();
  readonly #byOriginId = new Map<string, number>();

  /** Keeps `message`; its (negative) id, or undefined past MAX_HELD (it is shown, not kept). */
  hold(message: NewMessage): number {
    const id = this.#next--;
    if (this.rows.size >= MAX_HELD) return id;
    this.rows.set(id, { ...message });
    if (message.stanzaId) this.#byStanzaId.set(key(message.account, message.peer, message.stanzaId), id);
    if (message.originId) this.#byOriginId.set(key(message.account, message.peer, message.direction, message.originId), id);
    return id;
  }

  /** The held copy of `message` (same stanza-id, or same origin-id in the same direction), as MessageHistory finds duplicates. */
  duplicateOf(message: NewMessage): number | undefined {
    return (
      (message.stanzaId ? this.#byStanzaId.get(key(message.account, message.peer, message.stanzaId)) : undefined) ??
      (message.originId ? this.#byOriginId.get(key(message.account, message.peer, message.direction, message.originId)) : undefined)
    );
  }

  /** MessageHistory.moveDelivery for a held row; a saved row's change waits in `deliveries`. */
  moveDelivery(account: string, peer: string, originId: string, delivery: Delivery, kind?: MessageKind): { id: number; kind: MessageKind } | undefined {
    const id = this.#byOriginId.get(key(account, peer, 'out', originId));
    const row = id === undefined ? undefined : this.rows.get(id);
    if (id === undefined || !row) {
      this.deliveries.push([account, peer, originId, delivery, kind]);
      return undefined;
    }
    const rowKind = row.kind ?? 'chat';
    if ((kind !== undefined && kind !== rowKind) || (delivery === 'sent' && (row.delivery === 'delivered' || row.delivery === 'failed'))) return undefined;
    row.delivery = delivery;
    return { id, kind: rowKind };
  }

  clear(): void {
    this.rows.clear();
    this.deliveries.length = 0;
    this.#byStanzaId.clear();
    this.#byOriginId.clear();
  }
}

/** Runs `work`, whose failure changes nothing (a rollback of a transaction SQLite ended already). */
export function ignoringErrors(work: () => unknown): void {
  try {
    work();
  } catch {
    // the database refuses this too: the trouble is reported already
  }
}

function key(...parts: string[]): string {
  return parts.join('\n');
}
