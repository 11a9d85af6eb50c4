import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { fakeSession } from '../../session/fake-session.js';
import { MAX_LOCKS, resourceLocks } from './resource-lock.js';

const el = (text: string) => parse(text) as unknown as Element;

function setup() {
  const session = fakeSession('me@x');
  const locks = resourceLocks(session, () => 'me@x');
  return { locks, receive: (xml: string) => session.receive(el(xml)) };
}

describe('resourceLocks', () => {
  it('writes to the bare JID until the peer replies, then to the resource that replied', () => {
    const { locks, receive } = setup();
    expect(locks.target('bob@x')).toBe('bob@x');
    receive('<message type="chat" from="bob@x/laptop"><body>hi</body></message>');
    expect(locks.target('bob@x')).toBe('bob@x/laptop');
    receive('<message type="chat" from="bob@x/phone"><body>now here</body></message>');
    expect(locks.target('bob@x')).toBe('bob@x/phone');
    expect(locks.target('carol@x')).toBe('carol@x');
  });

  it('unlocks when the locked resource changes presence or leaves the chat, not for another resource', () => {
    const { locks, receive } = setup();
    receive('<message type="chat" from="bob@x/laptop"><body>hi</body></message>');
    receive('<presence from="bob@x/phone"><show>away</show></presence>');
    expect(locks.target('bob@x')).toBe('bob@x/laptop');
    receive('<presence from="bob@x/laptop"><show>away</show></presence>');
    expect(locks.target('bob@x')).toBe('bob@x');
    receive('<message type="chat" from="bob@x/laptop"><body>back</body></message>');
    receive('<message type="chat" from="bob@x/laptop"><gone xmlns="http://jabber.org/protocol/chatstates"/></message>');
    expect(locks.target('bob@x')).toBe('bob@x');
  });

  it('is not moved by offline messages, groupchat, bodiless stanzas, bare senders or its own account', () => {
    const { locks, receive } = setup();
    receive('<message type="chat" from="bob@x/old"><body>stored</body><delay xmlns="urn:xmpp:delay" stamp="2026-01-01T00:00:00Z"/></message>');
    receive('<message type="groupchat" from="bob@x/nick"><body>room</body></message>');
    receive('<message type="chat" from="bob@x/laptop"><composing xmlns="http://jabber.org/protocol/chatstates"/></message>');
    receive('<message type="chat" from="bob@x"><body>bare</body></message>');
    receive('<message type="chat" from="me@x/phone"><body>my other device</body></message>');
    expect(locks.target('bob@x')).toBe('bob@x');
    expect(locks.target('me@x')).toBe('me@x');
  });

  it('forgets every lock on a fresh session and stops listening when stopped', () => {
    const { locks, receive } = setup();
    receive('<message type="chat" from="bob@x/laptop"><body>hi</body></message>');
    locks.reset();
    expect(locks.target('bob@x')).toBe('bob@x');
    locks.stop();
    receive('<message type="chat" from="bob@x/phone"><body>after the end</body></message>');
    expect(locks.target('bob@x')).toBe('bob@x');
  });
});

describe('resourceLocks under a flood of strangers', () => {
  it('keeps at most MAX_LOCKS peers, dropping the least recently locked', () => {
    const { locks, receive } = setup();
    const write = (peer: string): void => receive(`<message type="chat" from="${peer}/r"><body>hi</body></message>`);
    write('bob@x');
    for (let i = 0; i < MAX_LOCKS * 5; i++) {
      write(`stranger${i}@x`);
      if (i % 100 === 0) write('bob@x'); // bob keeps writing: never the oldest
    }
    expect(locks.size()).toBe(MAX_LOCKS);
    expect(locks.target('bob@x')).toBe('bob@x/r');
    expect(locks.target('stranger0@x')).toBe('stranger0@x');
    expect(locks.target(`stranger${MAX_LOCKS * 5 - 1}@x`)).toBe(`stranger${MAX_LOCKS * 5 - 1}@x/r`);
  });
});
