import type { ChatMessage } from '../../domain/chat-message.js';
import type { MessageHistory, NewMessage } from '../../history/message-history.js';

/**
 * A chat message (live, carbon or archived) as a history row of `account`. XEP-0308 §5: only
 * the sender of the original may correct it, so the original is looked up in this
 * conversation and this direction only; nobody else's message can be replaced.
 */
export function storedMessage(history: MessageHistory, account: string, message: ChatMessage): { row: NewMessage; original?: ReturnType<MessageHistory['original']> } {
  const incoming = message.direction === 'in';
  const original = message.replaces ? history.original(account, message.peer, message.direction, message.replaces) : undefined;
  return {
    row: {
      account,
      peer: message.peer,
      direction: message.direction,
      sender: incoming ? (message.fullJid ?? message.peer) : account,
      body: message.body,
      at: message.at,
      ...(message.originId ? { originId: message.originId } : {}),
      ...(message.stanzaId ? { stanzaId: message.stanzaId } : {}),
      ...(message.id ? { messageId: message.id } : {}),
      ...(incoming ? {} : { delivery: 'sent' as const }),
      ...(original ? { replaces: original.id } : {}),
    },
    ...(original ? { original } : {}),
  };
}
