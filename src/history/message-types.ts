/** The history's rows: what is stored (NewMessage) and what is read back (StoredMessage). */

export type Delivery = 'none' | 'pending' | 'sent' | 'acked' | 'delivered' | 'failed';

export interface NewMessage {
  account: string;
  peer: string;
  direction: 'in' | 'out';
  sender?: string;
  body: string;
  at: number;
  stanzaId?: string;
  originId?: string;
  messageId?: string;
  replaces?: number;
  delivery?: Delivery;
  /** A room's groupchat, or (the default) a one-to-one chat, a room's private messages included. */
  kind?: MessageKind;
}

export type MessageKind = 'chat' | 'groupchat';

/** What `add` did: the row's id, whether it was there already, and its stored time. */
export interface Stored {
  id: number;
  duplicate: boolean;
  at: number;
}

export interface StoredMessage extends Required<Pick<NewMessage, 'account' | 'peer' | 'direction' | 'body' | 'at'>> {
  id: number;
  sender: string | null;
  stanzaId: string | null;
  originId: string | null;
  messageId: string | null;
  replaces: number | null;
  delivery: Delivery;
  kind: MessageKind;
}

export interface SearchHit extends StoredMessage {
  snippet: string;
}
