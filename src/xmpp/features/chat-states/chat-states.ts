import xml, { type Element } from '@xmpp/xml';
import type { ChatState } from '../../../domain/chat-state.js';
import { bareJid } from '../../../domain/jid.js';
import { NS_CHATSTATES } from '../messages/ns.js';

const STATES: readonly ChatState[] = ['active', 'composing', 'paused', 'inactive', 'gone'];

/** XEP-0085: the chat state a one-to-one message carries (with or without a body). */
export function parseChatState(stanza: Element): { peer: string; state: ChatState } | undefined {
  if (!stanza.is('message')) return undefined;
  const type = stanza.attrs.type ?? 'normal';
  if (type === 'groupchat' || type === 'error') return undefined;
  const peer = bareJid(String(stanza.attrs.from ?? ''));
  if (!peer) return undefined;
  const found = stanza.children.find((c): c is Element => typeof c !== 'string' && c.attrs.xmlns === NS_CHATSTATES);
  const state = STATES.find((s) => s === found?.name);
  return state ? { peer, state } : undefined;
}

/** §5.5: a standalone notification, no body (and so not stored by servers, XEP-0334 hint). */
export function buildChatState(to: string, state: ChatState): Element {
  return xml('message', { to, type: 'chat' }, xml(state, { xmlns: NS_CHATSTATES }), xml('no-store', { xmlns: 'urn:xmpp:hints' }));
}
