import { describe, expect, it } from 'vitest';
import { bareJid, isBareJid, jidDomain } from './jid.js';

describe('bareJid', () => {
  it.each([
    ['a@b/c', 'a@b'],
    ['Alice@Example.ORG/Phone', 'alice@example.org'],
    ['example.org', 'example.org'],
    ['a@b@c', ''],
    ['@b', ''],
    ['a@', ''],
    ['', ''],
    ['a b@c', ''],
    ['a@b..c', ''],
    ['a<script>@b', ''],
  ])('%j → %j', (input, expected) => expect(bareJid(input)).toBe(expected));
});

describe('jidDomain', () => {
  it.each([
    ['Bob@Example.org/phone', 'example.org'],
    ['example.org', 'example.org'],
    ['example.org/res', 'example.org'],
    ['a@b@c', ''],
  ])('%j → %j', (input, expected) => expect(jidDomain(input)).toBe(expected));
});

describe('isBareJid', () => {
  it('accepts name@server and refuses the rest', () => {
    expect(isBareJid('alice@example.org')).toBe(true);
    expect(isBareJid('alice@example.org/phone')).toBe(false);
    expect(isBareJid('example.org')).toBe(false);
    expect(isBareJid('Alice@example.org')).toBe(false);
    expect(isBareJid('a b@example.org')).toBe(false);
  });
});
