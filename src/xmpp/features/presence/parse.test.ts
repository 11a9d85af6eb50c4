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
