import type { Element } from '@xmpp/xml';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { BoundedParser, MAX_DEPTH, MAX_RUN_CHARS, MAX_STANZA_CHARS } from './bounded-parser.js';

const HEADER = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

function parse(...chunks: string[]) {
  const parser = new BoundedParser();
  const elements: Element[] = [];
  const errors: Error[] = [];
  parser.on('element', (e: Element) => elements.push(e));
  parser.on('error', (e: Error) => errors.push(e));
  parser.write(HEADER);
  for (const chunk of chunks) parser.write(chunk);
  return { elements, errors };
}

function depthOf(element: Element): number {
  let depth = 1;
  for (let e = element.getChildElements()[0]; e; e = e.getChildElements()[0]) depth++;
  return depth;
}

describe('BoundedParser', () => {
  it('delivers a 20,000-deep stanza without what lies past the depth limit, then reads on', () => {
    const deep = `<message from='x@y'><body>kept</body>${'<a>'.repeat(20_000)}deep${'</a>'.repeat(20_000)}</message>`;
    const { elements, errors } = parse(deep, "<message><body>next</body></message>");
    expect(errors).toEqual([]);
    expect(elements).toHaveLength(2);
    expect(elements[0]!.getChildText('body')).toBe('kept');
    expect(depthOf(elements[0]!)).toBeLessThanOrEqual(MAX_DEPTH);
    expect(elements[1]!.getChildText('body')).toBe('next');
  });

  it('reports a stanza over the size limit once, and reads nothing after it', () => {
    const chunk = `<item jid='a@b'/>`.repeat(4096);
    const chunks = ['<iq type="result"><query xmlns="jabber:iq:roster">', ...Array.from({ length: Math.ceil(MAX_STANZA_CHARS / chunk.length) + 1 }, () => chunk), '</query></iq>', '<message/>'];
    const { elements, errors } = parse(...chunks);
    expect(errors.map((e) => e.message)).toEqual(['the server sent a stanza over 4 MiB, more than natter reads']);
    expect(elements).toEqual([]);
  });

  it('reports a run of text over its limit (ltx would take quadratic time over it)', () => {
    const piece = 'x'.repeat(4096);
    const { errors } = parse('<message><body>', ...Array.from({ length: MAX_RUN_CHARS / 4096 + 1 }, () => piece));
    expect(errors.map((e) => e.message)).toEqual(['the server sent a text or attribute over 1 MiB, more than natter reads']);
  });

  it('counts each stanza on its own: many stanzas add up to more than one limit', () => {
    const message = `<message><body>${'y'.repeat(60_000)}</body></message>`;
    const { elements, errors } = parse(...Array.from({ length: 100 }, () => message));
    expect(errors).toEqual([]);
    expect(elements).toHaveLength(100);
  });

  it('keeps no socket chunk alive through the strings of a stanza kept after it', () => {
    // What a chat keeps of a message: its body, sender and id. Each came in a chunk with 100 KB
    // more; 200 such chunks held through views of them would be 20 MB of heap.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const kept: string[] = [];
    const parser = new BoundedParser();
    parser.on('element', (e: Element) => kept.push(e.getChildText('body')!, e.attrs.from as string, e.attrs.id as string, e.name));
    parser.write(HEADER);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 200; i++) {
      const pad = `<pad>${String(i).repeat(100_000 / String(i).length)}</pad>`;
      parser.write(`<message from='contact-${i}@example.org/phone' id='message-id-${i}-0123456789'><body>the body of message ${i}</body>${pad}</message>`);
    }
    gc();
    const retained = process.memoryUsage().heapUsed - before;
    expect(kept[kept.length - 4]).toBe('the body of message 199');
    expect(kept[kept.length - 3]).toBe('contact-199@example.org/phone');
    expect(retained).toBeLessThan(2 * 1024 * 1024);
  });
});
