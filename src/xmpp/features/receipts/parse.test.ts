import { parse } from 'ltx';
import type xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { buildReceipt } from './build.js';
import { parseReceipt } from './parse.js';

const stanza = (text: string) => parse(text) as unknown as ReturnType<typeof xml>;

describe('receipts (XEP-0184)', () => {
  it('reads a receipt and a request', () => {
    expect(parseReceipt(stanza('<message from="Bob@x/p"><received xmlns="urn:xmpp:receipts" id="o1"/></message>'))).toEqual({ kind: 'received', peer: 'bob@x', id: 'o1' });
    expect(parseReceipt(stanza('<message type="chat" from="bob@x/p" id="m1"><body>hi</body><request xmlns="urn:xmpp:receipts"/></message>'))).toEqual({
      kind: 'request', from: 'bob@x/p', peer: 'bob@x', id: 'm1',
    });
  });

  it('ignores groupchat, errors, requests without id or body, and empty receipts', () => {
    for (const text of [
      '<message type="groupchat" from="r@c/n" id="1"><body>x</body><request xmlns="urn:xmpp:receipts"/></message>',
      '<message type="error" from="b@x" id="1"><received xmlns="urn:xmpp:receipts" id="o"/></message>',
      '<message type="chat" from="b@x"><body>x</body><request xmlns="urn:xmpp:receipts"/></message>',
      '<message type="chat" from="b@x" id="2"><request xmlns="urn:xmpp:receipts"/></message>',
      '<message from="b@x"><received xmlns="urn:xmpp:receipts"/></message>',
      '<message from="@@"><received xmlns="urn:xmpp:receipts" id="o"/></message>',
    ]) expect(parseReceipt(stanza(text))).toBeUndefined();
  });

  it('answers to the full JID with the asked id', () => {
    const receipt = buildReceipt('bob@x/p', 'm1');
    expect(receipt.attrs.to).toBe('bob@x/p');
    expect(receipt.getChild('received', 'urn:xmpp:receipts')?.attrs.id).toBe('m1');
  });
});
