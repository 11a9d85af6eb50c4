import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chatStateSender, PAUSE_AFTER_MS } from './chat-state-sender.js';

describe('chatStateSender', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends composing once, paused after a quiet spell, active when the line is emptied', () => {
    const sent: string[] = [];
    const sender = chatStateSender((peer, state) => sent.push(`${peer}:${state}`), () => true);
    sender.typing('bob@x', true);
    sender.typing('bob@x', true);
    sender.typing('bob@x', true);
    expect(sent).toEqual(['bob@x:composing']);
    vi.advanceTimersByTime(PAUSE_AFTER_MS);
    expect(sent).toEqual(['bob@x:composing', 'bob@x:paused']);
    sender.typing('bob@x', true);
    sender.typing('bob@x', false);
    expect(sent).toEqual(['bob@x:composing', 'bob@x:paused', 'bob@x:composing', 'bob@x:active']);
  });

  it('goes quiet after a message is sent, and says nothing to strangers', () => {
    const sent: string[] = [];
    const sender = chatStateSender((peer, state) => sent.push(`${peer}:${state}`), (peer) => peer !== 'stranger@x');
    sender.typing('bob@x', true);
    sender.sent('bob@x');
    vi.advanceTimersByTime(PAUSE_AFTER_MS * 2);
    sender.typing('stranger@x', true);
    expect(sent).toEqual(['bob@x:composing']);
  });

  it('inactive when the chat is left, active on coming back, gone when it is closed; nothing for chats never written in', () => {
    const sent: string[] = [];
    const sender = chatStateSender((peer, state) => sent.push(`${peer}:${state}`), () => true);
    sender.focus('carol@x', 'left');
    sender.typing('bob@x', true);
    sender.focus('bob@x', 'left');
    sender.focus('bob@x', 'left');
    sender.focus('bob@x', 'back');
    sender.focus('bob@x', 'closed');
    sender.focus('bob@x', 'back');
    expect(sent).toEqual(['bob@x:composing', 'bob@x:inactive', 'bob@x:active', 'bob@x:gone']);
  });
});
