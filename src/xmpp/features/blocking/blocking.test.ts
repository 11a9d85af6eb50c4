import { parse } from 'ltx';
import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { buildBlock, buildBlocklistQuery, buildUnblock, buildUnblockAll } from './build.js';
import { blockingFeature } from './feature.js';
import { blockJid, isBlockedJid } from './jid-match.js';
import { MAX_BLOCKED, parseBlocklist, parseBlockPush } from './parse.js';

const element = (text: string): Element => parse(text) as unknown as Element;

describe('XEP-0191 builders', () => {
  it('asks for the list, blocks, unblocks one and all, as §3.2-§3.5 show', () => {
    expect(buildBlocklistQuery().toString()).toBe('<blocklist xmlns="urn:xmpp:blocking"/>');
    expect(buildBlock(['romeo@montague.net', 'iago@shakespeare.lit/evil']).toString()).toBe(
      '<block xmlns="urn:xmpp:blocking"><item jid="romeo@montague.net"/><item jid="iago@shakespeare.lit/evil"/></block>');
    expect(buildUnblock(['romeo@montague.net']).toString()).toBe('<unblock xmlns="urn:xmpp:blocking"><item jid="romeo@montague.net"/></unblock>');
    expect(buildUnblockAll().toString()).toBe('<unblock xmlns="urn:xmpp:blocking"/>');
  });

  it('never builds an empty <unblock/> by accident: that unblocks everyone', () => {
    expect(() => buildUnblock([])).toThrow(/buildUnblockAll/);
  });

  it('adds a XEP-0377 spam report to each item when asked', () => {
    expect(buildBlock(['spam@x'], { spam: true }).toString()).toBe(
      '<block xmlns="urn:xmpp:blocking"><item jid="spam@x"><report xmlns="urn:xmpp:reporting:1" reason="urn:xmpp:reporting:spam"/></item></block>');
  });
});

describe('blockJid', () => {
  it('takes bare and full JIDs, domains and domain/resource; lower-cases all but the resource', () => {
    expect(['Bob@X', 'bob@x/Phone', 'Spam.Example', 'x/Bot', 'room@conf.x/Nick Name'].map(blockJid)).toEqual(
      ['bob@x', 'bob@x/Phone', 'spam.example', 'x/Bot', 'room@conf.x/Nick Name']);
  });

  it('refuses what is not a JID', () => {
    for (const bad of ['', 'bob@', '@x', 'bob@x/', 'a b@x', 'bob@x@y', '<b>@x', 'bob@x/\u0000', `bob@x/${'r'.repeat(1024)}`]) expect(blockJid(bad), bad).toBe('');
  });
});

describe('isBlockedJid (XEP-0016 §2.1 matching, as XEP-0191 §6 asks)', () => {
  const list = new Set(['bob@x', 'carol@y/phone', 'spam.example', 'z/bot']);
  it('a bare JID blocks all its resources; a full JID only that one', () => {
    expect(isBlockedJid(list, 'bob@x')).toBe(true);
    expect(isBlockedJid(list, 'BOB@X/laptop')).toBe(true);
    expect(isBlockedJid(list, 'carol@y/phone')).toBe(true);
    expect(isBlockedJid(list, 'carol@y/laptop')).toBe(false);
    expect(isBlockedJid(list, 'carol@y')).toBe(false);
  });

  it('a domain blocks itself and everyone on it; domain/resource only that resource of the domain', () => {
    expect(isBlockedJid(list, 'spam.example')).toBe(true);
    expect(isBlockedJid(list, 'anyone@spam.example/r')).toBe(true);
    expect(isBlockedJid(list, 'spam.example/r')).toBe(true);
    expect(isBlockedJid(list, 'not.spam.example')).toBe(false);
    expect(isBlockedJid(list, 'z/bot')).toBe(true);
    expect(isBlockedJid(list, 'z')).toBe(false);
    expect(isBlockedJid(list, 'someone@z/bot')).toBe(false);
  });

  it('nothing is blocked by an empty list, and junk matches nothing', () => {
    expect(isBlockedJid(new Set(), 'bob@x')).toBe(false);
    expect(isBlockedJid(list, '')).toBe(false);
    expect(isBlockedJid(list, 'bob@x@y')).toBe(false);
  });
});

describe('parseBlocklist and parseBlockPush', () => {
  it('reads the items of a list once each, skipping and counting unreadable ones', () => {
    const list = element('<blocklist xmlns="urn:xmpp:blocking"><item jid="Bob@X"/><item jid="bob@x"/><item/><item jid="a b@x"/><item jid="x/r"/></blocklist>');
    expect(parseBlocklist(list)).toEqual({ ok: true, jids: ['bob@x', 'x/r'], skipped: 2 });
    expect(parseBlocklist(element('<blocklist xmlns="urn:xmpp:blocking"/>'))).toEqual({ ok: true, jids: [], skipped: 0 });
    expect(parseBlocklist(element('<blocklist xmlns="other"/>'))).toEqual({ ok: false, reason: 'no <blocklist/> in the answer' });
    expect(parseBlocklist(undefined)).toMatchObject({ ok: false });
  });

  it(`keeps at most ${MAX_BLOCKED} JIDs of one list`, () => {
    const many = xml('blocklist', { xmlns: 'urn:xmpp:blocking' }, ...Array.from({ length: MAX_BLOCKED + 5 }, (_, i) => xml('item', { jid: `u${i}@x` })));
    const parsed = parseBlocklist(many);
    expect(parsed.ok && [parsed.jids.length, parsed.skipped]).toEqual([MAX_BLOCKED, 5]);
  });

  it('reads block, unblock and unblock-all pushes; an empty or unreadable one is no change', () => {
    expect(parseBlockPush(buildBlock(['bob@x']))).toEqual({ kind: 'block', jids: ['bob@x'] });
    expect(parseBlockPush(buildUnblock(['bob@x', 'carol@y']))).toEqual({ kind: 'unblock', jids: ['bob@x', 'carol@y'] });
    expect(parseBlockPush(buildUnblockAll())).toEqual({ kind: 'unblock-all' });
    expect(parseBlockPush(element('<block xmlns="urn:xmpp:blocking"/>'))).toBeUndefined();
    // Items that are all junk are not §3.5's "unblock all".
    expect(parseBlockPush(element('<unblock xmlns="urn:xmpp:blocking"><item jid="@"/></unblock>'))).toBeUndefined();
    expect(parseBlockPush(element('<block xmlns="other"><item jid="bob@x"/></block>'))).toBeUndefined();
  });
});

/** blockingFeature over a fake IQ port: what it asked, and the push handler it registered. */
function feature(answer: (iq: Element) => Element | undefined = () => undefined) {
  const asked: Array<{ type: string; payload: string }> = [];
  const handlers = new Map<string, (ctx: { stanza: Element }) => unknown>();
  const pushes: unknown[] = [];
  const rejected: string[] = [];
  const port = {
    iqCaller: {
      get: async (payload: Element) => (asked.push({ type: 'get', payload: payload.toString() }), answer(payload)),
      set: async (payload: Element) => (asked.push({ type: 'set', payload: payload.toString() }), answer(payload)),
    },
    iqCallee: { set: (ns: string, name: string, handler: (ctx: { stanza: Element }) => unknown) => void handlers.set(`${ns} ${name}`, handler) },
  };
  const blocking = blockingFeature(port, () => 'alice@x', { onPush: (c) => void pushes.push(c), onRejectedPush: (from) => void rejected.push(from) });
  const push = (from: string | undefined, payload: Element): unknown =>
    handlers.get(`urn:xmpp:blocking ${payload.name}`)?.({ stanza: xml('iq', { type: 'set', id: 'p', ...(from === undefined ? {} : { from }) }, payload) });
  return { blocking, asked, pushes, rejected, push };
}

describe('blockingFeature', () => {
  it('fetches the list and says so when the answer is not one', async () => {
    const f = feature((iq) => (iq.name === 'blocklist' ? xml('blocklist', { xmlns: 'urn:xmpp:blocking' }, xml('item', { jid: 'bob@x' })) : undefined));
    expect(await f.blocking.fetch()).toEqual({ jids: ['bob@x'], skipped: 0 });
    await expect(feature(() => undefined).blocking.fetch()).rejects.toThrow('the server answered with a block list natter can not read (no <blocklist/> in the answer)');
  });

  it('blocks (with a report when asked), unblocks and unblocks all with IQ sets', async () => {
    const f = feature();
    await f.blocking.block(['bob@x'], { spam: true });
    await f.blocking.unblock(['bob@x']);
    await f.blocking.unblock('all');
    expect(f.asked.map((a) => a.type)).toEqual(['set', 'set', 'set']);
    expect(f.asked[0]!.payload).toContain('reason="urn:xmpp:reporting:spam"');
    expect(f.asked[2]!.payload).toBe('<unblock xmlns="urn:xmpp:blocking"/>');
  });

  it('believes pushes only from the account itself; anyone else is refused and reported', () => {
    const f = feature();
    expect(f.push(undefined, buildBlock(['bob@x']))).toBe(true);
    expect(f.push('alice@x', buildUnblockAll())).toBe(true);
    expect(f.push('mallory@evil', buildUnblockAll())).toBeUndefined();
    expect(f.push('alice@x/phone', buildUnblockAll())).toBeUndefined();
    expect(f.pushes).toEqual([{ kind: 'block', jids: ['bob@x'] }, { kind: 'unblock-all' }]);
    expect(f.rejected).toEqual(['mallory@evil', 'alice@x/phone']);
  });
});
