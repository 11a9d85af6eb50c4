import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { findUploadService, parseSlot } from './slot.js';

const el = (text: string) => parse(text) as unknown as Element;

describe('parseSlot (XEP-0363 §5)', () => {
  it('keeps the URLs and only the Authorization, Cookie and Expires headers, without newlines', () => {
    const slot = parseSlot(el(`<slot xmlns="urn:xmpp:http:upload:0">
      <put url="https://up.example/f/1"><header name="Authorization">Basic x&#10;Evil: 1</header><header name="Host">evil</header><header name="Cookie">c=1</header></put>
      <get url="https://dl.example/f/1"/></slot>`));
    expect(slot).toEqual({ put: 'https://up.example/f/1', get: 'https://dl.example/f/1', headers: { authorization: 'Basic xEvil: 1', cookie: 'c=1' } });
  });

  it.each([
    ['<slot><put url="http://up.example/f"/><get url="https://dl.example/f"/></slot>', 'the upload service offered http, not https; natter uploads over TLS only'],
    ['<slot><put url="https://up.example/f"/></slot>', 'the upload service sent a slot without put and get URLs'],
    ['<slot><put url="https://up.example/f"/><get url="not a url"/></slot>', 'the upload service sent an invalid URL: not a url'],
  ])('refuses %s', (xml, message) => {
    expect(() => parseSlot(el(xml))).toThrow(message);
  });
});

describe('findUploadService (XEP-0363 §3)', () => {
  it('finds the item with the upload feature and reads its size limit', async () => {
    const answers: Record<string, string> = {
      'example.org#items': '<query xmlns="http://jabber.org/protocol/disco#items"><item jid="conference.example.org"/><item jid="upload.example.org"/></query>',
      'example.org#info': '<query xmlns="http://jabber.org/protocol/disco#info"><feature var="urn:xmpp:ping"/></query>',
      'conference.example.org#info': '<query xmlns="http://jabber.org/protocol/disco#info"><feature var="http://jabber.org/protocol/muc"/></query>',
      'upload.example.org#info': `<query xmlns="http://jabber.org/protocol/disco#info"><feature var="urn:xmpp:http:upload:0"/>
        <x xmlns="jabber:x:data" type="result"><field var="FORM_TYPE" type="hidden"><value>urn:xmpp:http:upload:0</value></field>
        <field var="max-file-size"><value>5242880</value></field></x></query>`,
    };
    const port = {
      iqCaller: {
        get: async (payload: Element, to?: string) => el(answers[`${to}#${String(payload.attrs.xmlns).split('#')[1]}`] ?? '<query/>'),
        request: async () => el('<iq/>'),
      },
    };
    expect(await findUploadService(port, 'example.org')).toEqual({ jid: 'upload.example.org', maxSize: 5242880 });
  });
});
