/** A one-to-one chat message as the protocol layer hands it to the app. */
export interface ChatMessage {
  /** The peer's bare JID. */
  peer: string;
  /** The full JID it came from (or went to), when known. */
  fullJid?: string;
  direction: 'in' | 'out';
  body: string;
  /**
   * Milliseconds since the epoch: when it arrived, or when our server or archive got it (a
   * XEP-0203 delay that it stamped itself), never later than its arrival.
   */
  at: number;
  /** The stanza's id attribute. */
  id?: string;
  /** XEP-0359 origin-id, set by the sender. */
  originId?: string;
  /** XEP-0359 stanza-id given by the account's own archive (server), when present. */
  stanzaId?: string;
  /** XEP-0066: the address of a file shared with it (HTTP upload links), http(s) only. */
  file?: string;
  /** XEP-0308: the id of the earlier message this one corrects. */
  replaces?: string;
  /**
   * XEP-0045 §7.5: a private message through a room (marked with muc#user), e.g. a carbon or an
   * archived copy of one: it belongs to the private chat with `nick` of `room`, not to a chat
   * with the room's bare JID.
   */
  occupant?: { room: string; nick: string };
}
