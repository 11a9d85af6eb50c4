import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { buildTimeAnswer, buildTimeQuery, formatTzo, NS_TIME } from './build.js';
import { parseTime, parseTzo, parseUtc } from './parse.js';

const element = (text: string): Element => parse(text) as unknown as Element;
const time = (tzo: string, utc: string): Element => element(`<time xmlns="urn:xmpp:time"><tzo>${tzo}</tzo><utc>${utc}</utc></time>`);

describe('XEP-0202 builders', () => {
  it('asks with an empty <time/>', () => {
    expect(buildTimeQuery().toString()).toBe('<time xmlns="urn:xmpp:time"/>');
  });

  it('answers with the §3 example shape: tzo then utc, whole seconds', () => {
    const answer = buildTimeAnswer(Date.UTC(2006, 11, 19, 17, 58, 35, 912), -360);
    expect(answer.toString()).toBe('<time xmlns="urn:xmpp:time"><tzo>-06:00</tzo><utc>2006-12-19T17:58:35Z</utc></time>');
  });

  it('writes offsets as TZD, zero as +00:00', () => {
    expect([0, 120, 330, -210, 840, -720, 345].map(formatTzo)).toEqual(['+00:00', '+02:00', '+05:30', '-03:30', '+14:00', '-12:00', '+05:45']);
  });

  it('reads back what it builds', () => {
    const now = Date.UTC(2026, 11, 7, 12, 3, 9);
    expect(parseTime(buildTimeAnswer(now, 330))).toEqual({ ok: true, utc: now, tzo: '+05:30', offsetMinutes: 330 });
  });
});

describe('parseTime', () => {
  it('reads the §3 example', () => {
    expect(parseTime(time('-06:00', '2006-12-19T17:58:35Z'))).toEqual({ ok: true, utc: Date.UTC(2006, 11, 19, 17, 58, 35), tzo: '-06:00', offsetMinutes: -360 });
  });

  it('reads Z as +00:00, a fraction (milliseconds kept), a written-out zero offset, and surrounding spaces', () => {
    expect(parseTime(time('Z', '2026-12-07T12:00:00.123456Z'))).toEqual({ ok: true, utc: Date.UTC(2026, 11, 7, 12, 0, 0, 123), tzo: '+00:00', offsetMinutes: 0 });
    expect(parseTime(time(' +02:00\n', '2026-12-07T12:00:00+00:00'))).toMatchObject({ ok: true, offsetMinutes: 120 });
    expect(parseUtc('2026-12-07T12:00:00.5-00:00')).toBe(Date.UTC(2026, 11, 7, 12, 0, 0, 500));
  });

  it('reads years before 100 as such, and a leap second as the next minute', () => {
    expect(new Date(parseUtc('0042-01-01T00:00:00Z') ?? NaN).getUTCFullYear()).toBe(42);
    expect(parseUtc('2016-12-31T23:59:60Z')).toBe(Date.UTC(2017, 0, 1));
    expect(parseUtc('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
  });

  it('refuses dates that do not exist and times out of range', () => {
    for (const utc of ['2023-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-00-10T00:00:00Z', '2026-12-00T00:00:00Z', '2026-12-07T24:00:00Z', '2026-12-07T12:60:00Z', '2026-12-07T12:00:61Z']) {
      expect(parseUtc(utc), utc).toBeUndefined();
    }
  });

  it('refuses a utc that is not in UTC or not XEP-0082 (XEP-0090 style, no seconds, no zone, long fraction, junk)', () => {
    for (const utc of ['2026-12-07T14:00:00+02:00', '20061219T17:58:35', '2026-12-07T12:00Z', '2026-12-07T12:00:00', '2026-12-07T12:00:00.1234567890Z', '2026-12-07 12:00:00Z', '+02026-12-07T12:00:00Z', 'now', '']) {
      expect(parseUtc(utc), utc).toBeUndefined();
    }
    expect(parseTime(time('+00:00', '2026-12-07T14:00:00+02:00'))).toEqual({ ok: false, reason: 'a <utc/> that is not a date and time in UTC' });
  });

  it('refuses offsets outside the TZD grammar', () => {
    for (const tzo of ['+24:00', '+05:60', '0200', '+2:00', '02:00', 'UTC', 'CET', '+02:00:00', '−02:00', '']) expect(parseTzo(tzo), tzo).toBeUndefined();
    expect(parseTzo('-23:59')).toBe(-1439);
    expect(parseTime(time('-00:00', '2026-12-07T12:00:00Z'))).toMatchObject({ ok: true, tzo: '+00:00', offsetMinutes: 0 });
    expect(parseTime(time('CET', '2026-12-07T12:00:00Z'))).toEqual({ ok: false, reason: 'an offset that is not (+|-)hh:mm' });
  });

  it('refuses a missing or doubled child, another namespace, and no <time/> at all', () => {
    expect(parseTime(element('<time xmlns="urn:xmpp:time"><utc>2026-12-07T12:00:00Z</utc></time>'))).toEqual({ ok: false, reason: 'not exactly one <tzo/>' });
    expect(parseTime(element('<time xmlns="urn:xmpp:time"><tzo>Z</tzo></time>'))).toEqual({ ok: false, reason: 'not exactly one <utc/>' });
    expect(parseTime(element('<time xmlns="urn:xmpp:time"><tzo>Z</tzo><tzo>Z</tzo><utc>2026-12-07T12:00:00Z</utc></time>'))).toMatchObject({ ok: false });
    expect(parseTime(element('<time xmlns="urn:xmpp:time"><tzo xmlns="other">Z</tzo><utc>2026-12-07T12:00:00Z</utc></time>'))).toMatchObject({ ok: false });
    expect(parseTime(element('<query xmlns="jabber:iq:time"><utc>20061219T17:58:35</utc></query>'))).toEqual({ ok: false, reason: 'no <time/> in the answer' });
    expect(parseTime(undefined)).toEqual({ ok: false, reason: 'no <time/> in the answer' });
  });

  it('does not run its expressions over long texts', () => {
    const long = `2026-12-07T12:00:00.${'1'.repeat(100_000)}Z`;
    expect(parseUtc(long)).toBeUndefined();
    expect(parseTime(time(`+${'0'.repeat(100_000)}`, '2026-12-07T12:00:00Z'))).toMatchObject({ ok: false });
    expect(NS_TIME).toBe('urn:xmpp:time');
  });
});
