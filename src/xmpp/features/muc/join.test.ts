import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { fakeSession } from '../../session/fake-session.js';
import { buildGroupchatMessage } from './build.js';
import { joinRoom } from './join.js';

const el = (text: string) => parse(text) as unknown as Element;

/** A fake session whose "server" answers each sent stanza with the given replies. */
function fakeRoom(answer: (sent: Element) => string[], info = '<query xmlns="http://jabber.org/protocol/disco#info"><feature var="http://jabber.org/protocol/muc"/></query>') {
  const session = fakeSession('me@x');
  return {
    onMessage: session.onMessage,
    onPresence: session.onPresence,
    send: async (sent: Element) => {
      for (const reply of answer(sent)) queueMicrotask(() => session.receive(el(reply)));
    },
    iqCaller: { get: async () => el(info) },
  };
}

describe('joinRoom (XEP-0045)', () => {
  it('says what a join error means', async () => {
    const port = fakeRoom(() => ['<presence from="r@muc/me" type="error"><error type="cancel"><registration-required xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></presence>']);
    await expect(joinRoom(port, 'r@muc', 'me')).rejects.toThrow('could not join r@muc: the room is for members only');
  });

  it('refuses what is not a room', async () => {
    const port = fakeRoom(() => [], '<query xmlns="http://jabber.org/protocol/disco#info"><feature var="urn:xmpp:ping"/></query>');
    await expect(joinRoom(port, 'bob@x', 'me')).rejects.toThrow('bob@x is not a chat room');
  });

  it('joins on the self-presence and resolves a message once the room reflects it; a refusal is named', async () => {
    let voice = true;
    const port = fakeRoom((sent) => {
      if (sent.is('presence')) return ['<presence from="r@muc/other"/>', '<presence from="r@muc/me"><x xmlns="http://jabber.org/protocol/muc#user"><status code="110"/></x></presence>'];
      const id = String(sent.attrs.id);
      return voice
        ? [`<message from="r@muc/me" type="groupchat" id="${id}"><body>hi</body></message>`]
        : [`<message from="r@muc" type="error" id="${id}"><error type="auth"><forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></message>`];
    });
    const room = await joinRoom(port, 'r@muc', 'me');
    const say = (id: string, body: string) => {
      const echo = room.echoOf(id);
      void port.send(buildGroupchatMessage('r@muc', body, id));
      return echo;
    };
    await expect(say('m1', 'hi')).resolves.toBeUndefined();
    voice = false;
    await expect(say('m2', 'hi again')).rejects.toThrow('r@muc refused the message (no voice in the room)');
  });
});
