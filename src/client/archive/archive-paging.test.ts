import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xml, { type Element } from '@xmpp/xml';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageHistory } from '../../history/message-history.js';
import { openHistoryDatabase } from '../../history/open-history.js';
import { fakeSession } from '../../xmpp/session/fake-session.js';
import { createArchivePaging } from './archive-paging.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function history(): MessageHistory {
  const dir = mkdtempSync(join(tmpdir(), 'natter-paging-'));
  dirs.push(dir);
  return new MessageHistory(openHistoryDatabase(join(dir, 'natter')));
}

/** A fake server archive of alice@x: `messages` in archive order, answering RSM "before" pages. */
function archive(messages: Array<{ id: string; from: string; to: string; body: string; at: number; children?: Element[] }>) {
  const session = fakeSession('alice@x');
  const asked: Element[] = [];
  const port = { onArchive: session.onArchive, iqCaller: { request: answer } };
  async function answer(iq: Element): Promise<Element> {
    asked.push(iq);
    const query = iq.getChild('query')!;
    const set = query.getChild('set')!;
    const max = Number(set.getChildText('max'));
    const before = set.getChildText('before');
    const end = before ? messages.findIndex((m) => m.id === before) : messages.length;
    const page = messages.slice(Math.max(0, end - max), end);
    for (const m of page) {
      session.receive(xml('message', { to: 'alice@x/natter' }, xml('result', { xmlns: 'urn:xmpp:mam:2', queryid: query.attrs.queryid, id: m.id },
        xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, xml('delay', { xmlns: 'urn:xmpp:delay', stamp: new Date(m.at).toISOString() }),
          xml('message', { from: m.from, to: m.to, type: 'chat' }, ...(m.children ?? [xml('body', {}, m.body)]))))));
    }
    const first = page[0]?.id;
    return xml('iq', { type: 'result' }, xml('fin', { xmlns: 'urn:xmpp:mam:2', ...(end - max <= 0 ? { complete: 'true' } : {}) },
      xml('set', { xmlns: 'http://jabber.org/protocol/rsm' }, ...(first ? [xml('first', {}, first), xml('last', {}, page.at(-1)!.id)] : []))));
  }
  return { port, asked };
}

const conversation = Array.from({ length: 120 }, (_, i) => ({
  id: `a${i}`, from: i % 3 === 0 ? 'alice@x/laptop' : 'bob@x/phone', to: i % 3 === 0 ? 'bob@x' : 'alice@x', body: `m${i}`, at: 1_000_000 + i * 1000,
}));

describe('paging back into the server archive', () => {
  it('stores page after page of one conversation, each older than the last, until the archive says complete', async () => {
    const h = history();
    // Natter has the newest 20 from a live session (with their archive ids).
    for (const m of conversation.slice(100)) h.add({ account: 'alice@x', peer: 'bob@x', direction: m.from.startsWith('alice') ? 'out' : 'in', body: m.body, at: m.at, stanzaId: m.id });
    const { port, asked } = archive(conversation);
    const paging = createArchivePaging('alice@x', h, () => undefined);
    expect(await paging.older(port, 'bob@x')).toEqual({ stored: 50, complete: false });
    expect(asked[0]!.toString()).toContain('<before>a100</before>');
    expect(asked[0]!.toString()).toContain('<field var="with"><value>bob@x</value></field>');
    expect(await paging.older(port, 'bob@x')).toEqual({ stored: 50, complete: true });
    expect(await paging.older(port, 'bob@x')).toEqual({ stored: 0, complete: true });
    expect(asked).toHaveLength(2);
    const all = h.page('alice@x', 'bob@x', 1000);
    expect(all.map((m) => m.body)).toEqual(conversation.map((m) => m.body));
    expect(all[0]).toMatchObject({ direction: 'out', stanzaId: 'a0' });
  });

  it('with nothing stored asks for the newest page; a forged result is reported, not stored', async () => {
    const h = history();
    const { port } = archive([...conversation.slice(0, 3), { id: 'x1', from: 'mallory@evil/r', to: 'alice@x', body: 'other chat', at: 5_000_000 }]);
    const rejected: string[] = [];
    const result = await createArchivePaging('alice@x', h, (r) => rejected.push(r)).older(port, 'bob@x');
    expect(result).toEqual({ stored: 3, complete: true });
    expect(rejected).toEqual(['archive result for mallory@evil, asked for bob@x']);
    expect(h.page('alice@x', 'mallory@evil', 10)).toEqual([]);
  });

  it('applies the receipts of a page once it is stored, from the peer only; markers and receipts pass without a word', async () => {
    const h = history();
    const receipt = (id: string) => [xml('received', { xmlns: 'urn:xmpp:receipts', id })];
    const { port } = archive([
      { id: 'a1', from: 'alice@x/laptop', to: 'bob@x', body: 'ping', at: 1_000_000, children: [xml('body', {}, 'ping'), xml('origin-id', { xmlns: 'urn:xmpp:sid:0', id: 'o1' })] },
      { id: 'a2', from: 'bob@x/phone', to: 'alice@x/laptop', body: '', at: 1_001_000, children: receipt('o1') },
      { id: 'a3', from: 'bob@x/phone', to: 'alice@x', body: '', at: 1_002_000, children: [xml('displayed', { xmlns: 'urn:xmpp:chat-markers:0', id: 'o1' })] },
      { id: 'a4', from: 'mallory@evil/r', to: 'alice@x', body: '', at: 1_003_000, children: receipt('o2') },
    ]);
    const rejected: string[] = [];
    const delivered: string[] = [];
    const result = await createArchivePaging('alice@x', h, (r) => rejected.push(r), (peer, id) => {
      // Told after the page is stored: the message it confirms is there to be marked.
      expect(h.page('alice@x', peer, 10).map((m) => m.originId)).toContain(id);
      delivered.push(`${peer} ${id}`);
    }).older(port, 'bob@x');
    expect(result).toEqual({ stored: 1, complete: true });
    expect(delivered).toEqual(['bob@x o1']);
    expect(rejected).toEqual([]);
  });

  it('keeps the archive order when a page shares its second with the messages stored before it', async () => {
    const h = history();
    // Archive stamps have whole seconds: a burst of 120 in one second.
    const burst = conversation.map((m) => ({ ...m, at: 7_000_000 }));
    for (const m of burst.slice(100)) h.add({ account: 'alice@x', peer: 'bob@x', direction: m.from.startsWith('alice') ? 'out' : 'in', body: m.body, at: m.at, stanzaId: m.id });
    const { port } = archive(burst);
    const paging = createArchivePaging('alice@x', h, () => undefined);
    await paging.older(port, 'bob@x');
    await paging.older(port, 'bob@x');
    expect(h.page('alice@x', 'bob@x', 1000).map((m) => m.body)).toEqual(burst.map((m) => m.body));
    // And paging the local history back from the newest row walks the same order.
    const newest = h.page('alice@x', 'bob@x', 30);
    const before = h.page('alice@x', 'bob@x', 30, { at: newest[0]!.at, id: newest[0]!.id });
    expect(before.map((m) => m.body)).toEqual(burst.slice(60, 90).map((m) => m.body));
  });

  it('two scrolls at once share one query', async () => {
    const { port, asked } = archive(conversation);
    const paging = createArchivePaging('alice@x', history(), () => undefined);
    const [a, b] = await Promise.all([paging.older(port, 'bob@x'), paging.older(port, 'bob@x')]);
    expect(a).toBe(b);
    expect(asked).toHaveLength(1);
  });
});
