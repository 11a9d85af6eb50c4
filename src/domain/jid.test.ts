import { describe, expect, it } from 'vitest';
import { bareJid } from './jid.js';

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
