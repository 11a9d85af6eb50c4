import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { expect, it } from 'vitest';
import { buildLastAnswer, buildLastQuery, MAX_LAST_STATUS_CHARS, parseLast } from './last.js';

const element = (text: string) => parse(text) as unknown as Element;

it('builds the query and an answer in whole seconds', () => {
  expect(String(buildLastQuery())).toBe('<query xmlns="jabber:iq:last"/>');
  expect(String(buildLastAnswer(903.7))).toBe('<query xmlns="jabber:iq:last" seconds="903"/>');
  expect(String(buildLastAnswer(-2))).toBe('<query xmlns="jabber:iq:last" seconds="0"/>');
});

it('reads seconds and the status text, refusing what is not a whole number, cutting a long text', () => {
  expect(parseLast(element('<query xmlns="jabber:iq:last" seconds="903">Heading home</query>'))).toEqual({ ok: true, seconds: 903, status: 'Heading home' });
  expect(parseLast(element('<query xmlns="jabber:iq:last" seconds="0"/>'))).toEqual({ ok: true, seconds: 0 });
  for (const seconds of ['-1', '1.5', '', '1e9', '9999999999999']) {
    expect(parseLast(element(`<query xmlns="jabber:iq:last" seconds="${seconds}"/>`))).toEqual({ ok: false, reason: 'seconds that are not a whole number' });
  }
  expect(parseLast(undefined)).toEqual({ ok: false, reason: 'no <query/> in the answer' });
  expect(parseLast(element('<query xmlns="jabber:iq:version" seconds="1"/>')).ok).toBe(false);
  const long = parseLast(element(`<query xmlns="jabber:iq:last" seconds="1">${'s'.repeat(5000)}</query>`));
  expect(long.ok && long.status?.length).toBe(MAX_LAST_STATUS_CHARS);
});
