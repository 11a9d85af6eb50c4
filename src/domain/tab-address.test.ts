import { describe, expect, it } from 'vitest';
import { chatTabId, conversationOf, parseTabId, roomTabId, tabIdOf, type TabAddress } from './tab-address.js';

/** Addresses with the characters that could confuse a prefix codec: ':' and '/' in JIDs and nicks, non-ASCII, spaces. */
const ADDRESSES: TabAddress[] = [
  { kind: 'console' },
  { kind: 'search' },
  { kind: 'chat', peer: 'bob@x' },
  { kind: 'chat', peer: 'bob@[::1]' },
  { kind: 'chat', peer: 'jürgen@exämple.org' },
  { kind: 'chat', peer: 'room:ops@x' },
  { kind: 'chat', peer: 'private:ops@x/nick' },
  { kind: 'room', room: 'ops@muc.x' },
  { kind: 'room', room: 'café@conférence.example' },
  { kind: 'room', room: 'ops@[2001:db8::1]' },
  { kind: 'private', room: 'ops@muc.x', nick: 'Bob Smith' },
  { kind: 'private', room: 'ops@muc.x', nick: 'a/b/c' },
  { kind: 'private', room: 'ops@muc.x', nick: 'chat:bob@x' },
  { kind: 'private', room: 'ops@[::1]', nick: ':/: 🦊 Ünïcödé' },
  { kind: 'xml', account: 'alice@x' },
  { kind: 'xml', account: 'alice@[::1]' },
  { kind: 'info', jid: 'bob@x' },
  { kind: 'info', jid: 'bob@x/phone' },
];

describe('the tab id codec', () => {
  it.each(ADDRESSES.map((a) => [tabIdOf(a), a] as const))('%j reads back as what made it', (id, address) => {
    expect(parseTabId(id)).toEqual(address);
    expect(tabIdOf(parseTabId(id) as TabAddress)).toBe(id);
  });

  it('gives every address its own id', () => {
    expect(new Set(ADDRESSES.map(tabIdOf)).size).toBe(ADDRESSES.length);
  });

  it('keeps the id format the store and its tests know', () => {
    expect(ADDRESSES.slice(0, 4).map(tabIdOf)).toEqual(['console', 'search', 'chat:bob@x', 'chat:bob@[::1]']);
    expect(tabIdOf({ kind: 'private', room: 'ops@muc.x', nick: 'a/b/c' })).toBe('private:ops@muc.x/a/b/c');
    expect(tabIdOf({ kind: 'xml', account: 'alice@x' })).toBe('xml:alice@x');
    expect(tabIdOf({ kind: 'info', jid: 'bob@x' })).toBe('info:bob@x');
    expect([chatTabId('bob@x'), roomTabId('ops@muc.x')]).toEqual([tabIdOf({ kind: 'chat', peer: 'bob@x' }), 'room:ops@muc.x']);
  });

  it.each(['', 'consoles', 'chat', 'chat:', 'room:', 'xml:', 'info:', 'private:ops@muc.x', 'private:ops@muc.x/', 'private:/bob', 'search:1', 'mail:bob@x'])(
    '%j is no tab id',
    (id) => expect(parseTabId(id)).toBeUndefined(),
  );

  it('reads an address of one kind, and nothing for the other kinds', () => {
    expect(parseTabId(chatTabId('bob@x'), 'chat')?.peer).toBe('bob@x');
    expect(parseTabId(roomTabId('ops@muc.x'), 'chat')).toBeUndefined();
    expect(parseTabId('console', 'room')).toBeUndefined();
    expect(parseTabId('private:ops@muc.x/Bob', 'private')).toEqual({ kind: 'private', room: 'ops@muc.x', nick: 'Bob' });
  });
});

it('names the conversation of a chat, room or private tab as the history keeps it, and none for others', () => {
  expect(['chat:bob@x', 'room:ops@muc.x', 'private:ops@muc.x/Bob Smith', 'console', 'xml:alice@x', 'info:bob@x', 'search', 'junk'].map((id) => conversationOf(parseTabId(id))))
    .toEqual(['bob@x', 'ops@muc.x', 'ops@muc.x/Bob Smith', undefined, undefined, undefined, undefined, undefined]);
});
