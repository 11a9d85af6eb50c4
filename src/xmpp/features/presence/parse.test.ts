import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { parsePresence } from './parse.js';

const element = (text: string) => parse(text) as unknown as Element;

describe('parsePresence', () => {
  it('parses available presence with show, status and priority', () => {
    expect(parsePresence(element('<presence from="Bob@x/phone"><show>dnd</show><status>busy</status><priority>5</priority></presence>'))).toEqual({
      jid: 'bob@x',
      resource: 'phone',
      show: 'dnd',
      status: 'busy',
      priority: 5,
    });
  });

  it('keeps the XEP-0115 caps node and ver, bounded, only when both are there', () => {
    const caps = (attrs: string) => parsePresence(element(`<presence from="b@x/r"><c xmlns="http://jabber.org/protocol/caps" hash="sha-1" ${attrs}/></presence>`))?.caps;
    expect(caps('node="https://gajim.org" ver="abc="')).toEqual({ node: 'https://gajim.org', ver: 'abc=' });
    expect(caps('ver="abc="')).toBeUndefined();
    expect(caps(`node="${'n'.repeat(5000)}" ver="v"`)?.node).toHaveLength(200);
    expect(parsePresence(element('<presence from="b@x/r"><c xmlns="other" node="n" ver="v"/></presence>'))?.caps).toBeUndefined();
  });

  it('treats unavailable as offline and an unknown show as online', () => {
    expect(parsePresence(element('<presence type="unavailable" from="b@x/r"/>'))?.show).toBe('offline');
    expect(parsePresence(element('<presence from="b@x/r"><show>party</show><priority>999</priority></presence>'))).toMatchObject({ show: 'online', priority: 127 });
  });

  it('ignores subscription requests, errors and junk', () => {
    expect(parsePresence(element('<presence type="subscribe" from="b@x"/>'))).toBeUndefined();
    expect(parsePresence(element('<presence type="error" from="b@x"/>'))).toBeUndefined();
    expect(parsePresence(element('<presence/>'))).toBeUndefined();
  });
});
