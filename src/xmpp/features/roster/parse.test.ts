import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { isTrustedRosterPush, parseRosterQuery } from './parse.js';

const element = (text: string) => parse(text) as unknown as Element;

describe('parseRosterQuery', () => {
  it('parses items, groups, ask and version, and skips invalid JIDs', () => {
    const query = element(`<query xmlns="jabber:iq:roster" ver="v7">
      <item jid="Bob@Example.org" name="Bob" subscription="both"><group>Friends</group><group>Friends</group><group>Work</group></item>
      <item jid="carol@example.org" subscription="weird" ask="subscribe"/>
      <item jid="a@b@c"/>
    </query>`);
    expect(parseRosterQuery(query)).toEqual({
      ver: 'v7',
      items: [
        { jid: 'bob@example.org', name: 'Bob', subscription: 'both', groups: ['Friends', 'Work'] },
        { jid: 'carol@example.org', subscription: 'none', ask: 'subscribe', groups: [] },
      ],
    });
  });
});

describe('isTrustedRosterPush (RFC 6121 §2.1.6)', () => {
  it.each([
    [undefined, true],
    ['alice@example.org', true],
    ['Alice@Example.org', true],
    ['alice@example.org/phone', false],
    ['mallory@evil.example', false],
    ['example.org', false],
  ])('from %j → %j', (from, trusted) => {
    expect(isTrustedRosterPush(from, 'alice@example.org')).toBe(trusted);
  });
});
