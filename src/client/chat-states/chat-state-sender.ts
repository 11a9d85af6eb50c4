import type { ChatState } from '../../domain/chat-state.js';

/** XEP-0085 §5.2 suggests "paused" after about 5 seconds without typing. */
export const PAUSE_AFTER_MS = 5000;

/**
 * The person's own chat state per peer, sent on transitions only (composing once, not per
 * key): composing when the line gets text, paused after a quiet spell, active when the line is
 * emptied again or the message is sent (the message itself carries <active/>).
 */
export function chatStateSender(send: (peer: string, state: ChatState) => void, allowed: (peer: string) => boolean) {
  const peers = new Map<string, { state: ChatState; timer?: NodeJS.Timeout }>();
  const entry = (peer: string) => {
    let found = peers.get(peer);
    if (!found) peers.set(peer, (found = { state: 'active' }));
    return found;
  };
  const move = (peer: string, state: ChatState): void => {
    const current = entry(peer);
    if (current.state === state) return;
    current.state = state;
    send(peer, state);
  };
  return {
    typing(peer: string, hasText: boolean): void {
      if (!allowed(peer)) return;
      const current = entry(peer);
      clearTimeout(current.timer);
      if (!hasText) {
        if (current.state === 'composing' || current.state === 'paused') move(peer, 'active');
        return;
      }
      move(peer, 'composing');
      current.timer = setTimeout(() => move(peer, 'paused'), PAUSE_AFTER_MS);
      current.timer.unref?.();
    },
    /**
     * XEP-0085 §5.1: the person left the chat's tab ("inactive"), came back to it ("active"),
     * or closed it ("gone"). Only said to someone we have talked with here: a chat never
     * written in gets nothing.
     */
    focus(peer: string, change: 'left' | 'back' | 'closed'): void {
      const current = peers.get(peer);
      if (!current || !allowed(peer)) return;
      clearTimeout(current.timer);
      if (change === 'back') {
        if (current.state === 'inactive') move(peer, 'active');
        return;
      }
      move(peer, change === 'left' ? 'inactive' : 'gone');
      if (change === 'closed') peers.delete(peer);
    },
    /** A message went out: it says "active" itself. */
    sent(peer: string): void {
      const current = entry(peer);
      clearTimeout(current.timer);
      current.state = 'active';
    },
    stop(): void {
      for (const p of peers.values()) clearTimeout(p.timer);
      peers.clear();
    },
  };
}
