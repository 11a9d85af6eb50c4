import type { Element } from '@xmpp/xml';
import { parse } from 'ltx';
import { expect, it } from 'vitest';
import { buildSubscriptionAnswer, MAX_NICK_CHARS, MAX_NOTE_CHARS, parseSubscriptionRequest } from './subscription.js';

const read = (text: string) => parseSubscriptionRequest(parse(text) as unknown as Element);

it('reads a subscription request with its nick (XEP-0172) and note, from a bare JID', () => {
  expect(read('<presence from="Bob@Example.org/phone" type="subscribe"><nick xmlns="http://jabber.org/protocol/nick">Bob</nick><status>hi, it is bob</status></presence>'))
    .toEqual({ jid: 'bob@example.org', nick: 'Bob', status: 'hi, it is bob' });
  expect(read('<presence from="carol@example.org" type="subscribe"/>')).toEqual({ jid: 'carol@example.org' });
});

it('ignores other presences and requests without a usable sender', () => {
  expect(read('<presence from="bob@example.org" type="subscribed"/>')).toBeUndefined();
  expect(read('<presence from="bob@example.org"/>')).toBeUndefined();
  expect(read('<presence type="subscribe"/>')).toBeUndefined();
  expect(read('<presence from="example.org" type="subscribe"/>')).toBeUndefined();
  expect(read('<message from="bob@example.org" type="subscribe"/>')).toBeUndefined();
});

it('approves (asking back when wanted) or refuses', () => {
  expect(buildSubscriptionAnswer('bob@x', true, true).map(String)).toEqual(['<presence to="bob@x" type="subscribed"/>', '<presence to="bob@x" type="subscribe"/>']);
  expect(buildSubscriptionAnswer('bob@x', true, false).map(String)).toEqual(['<presence to="bob@x" type="subscribed"/>']);
  expect(buildSubscriptionAnswer('bob@x', false, true).map(String)).toEqual(['<presence to="bob@x" type="unsubscribed"/>']);
});

it('cuts a long nick and note: a stranger can send 256 KiB of them', () => {
  const request = read(`<presence from="bob@x" type="subscribe"><nick xmlns="http://jabber.org/protocol/nick">${'n'.repeat(5000)}</nick><status>${'s'.repeat(100_000)}</status></presence>`);
  expect(request?.nick).toHaveLength(MAX_NICK_CHARS);
  expect(request?.status).toHaveLength(MAX_NOTE_CHARS);
  expect(request?.status?.endsWith('…')).toBe(true);
});
