import { parse } from 'ltx';
import type xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { buildChatState, parseChatState } from './chat-states.js';

const el = (text: string) => parse(text) as unknown as ReturnType<typeof xml>;

describe('chat states (XEP-0085)', () => {
  it('reads the state of a standalone notification or a message', () => {
    expect(parseChatState(el('<message from="Bob@x/p" type="chat"><composing xmlns="http://jabber.org/protocol/chatstates"/></message>'))).toEqual({ peer: 'bob@x', state: 'composing' });
    expect(parseChatState(el('<message from="bob@x/p" type="chat"><body>hi</body><active xmlns="http://jabber.org/protocol/chatstates"/></message>'))).toEqual({ peer: 'bob@x', state: 'active' });
  });

  it('ignores groupchat, errors, unknown states and messages without one', () => {
    for (const text of [
      '<message from="r@c/n" type="groupchat"><composing xmlns="http://jabber.org/protocol/chatstates"/></message>',
      '<message from="b@x" type="error"><composing xmlns="http://jabber.org/protocol/chatstates"/></message>',
      '<message from="b@x"><dancing xmlns="http://jabber.org/protocol/chatstates"/></message>',
      '<message from="b@x"><body>x</body></message>',
    ]) expect(parseChatState(el(text))).toBeUndefined();
  });

  it('builds a standalone notification without a body', () => {
    const stanza = buildChatState('bob@x', 'paused');
    expect(stanza.getChild('paused', 'http://jabber.org/protocol/chatstates')).toBeDefined();
    expect(stanza.getChild('body')).toBeUndefined();
  });
});
