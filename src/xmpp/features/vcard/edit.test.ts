import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { withField } from './edit.js';

const element = (text: string): Element => parse(text) as unknown as Element;
const card = element('<vCard xmlns="vcard-temp"><FN>Old</FN><PHOTO><TYPE>image/png</TYPE><BINVAL>iVBOR</BINVAL></PHOTO><X-CUSTOM>kept</X-CUSTOM></vCard>');

describe('withField', () => {
  it('replaces a field in its place and keeps every other child as it was (XEP-0054 §3.2)', () => {
    const edit = withField(card, 'FN', ' Alice Example ');
    expect(edit.ok && edit.vcard.toString()).toBe('<vCard xmlns="vcard-temp"><FN>Alice Example</FN><PHOTO><TYPE>image/png</TYPE><BINVAL>iVBOR</BINVAL></PHOTO><X-CUSTOM>kept</X-CUSTOM></vCard>');
  });

  it('adds a new field at the end, structured ones in their elements, and starts a card from none', () => {
    const edit = withField(card, 'EMAIL', 'alice@example.org');
    expect(edit.ok && edit.vcard.toString()).toContain('<X-CUSTOM>kept</X-CUSTOM><EMAIL><INTERNET/><USERID>alice@example.org</USERID></EMAIL></vCard>');
    const fresh = withField(undefined, 'ORG', 'XSF');
    expect(fresh.ok && fresh.vcard.toString()).toBe('<vCard xmlns="vcard-temp"><ORG><ORGNAME>XSF</ORGNAME></ORG></vCard>');
  });

  it('removes a field when cleared, every element of that name', () => {
    const edit = withField(element('<vCard xmlns="vcard-temp"><NOTE>a</NOTE><FN>x</FN><NOTE>b</NOTE></vCard>'), 'NOTE', undefined);
    expect(edit.ok && edit.vcard.toString()).toBe('<vCard xmlns="vcard-temp"><FN>x</FN></vCard>');
  });

  it('refuses a field it does not edit, an empty or long value, and values of the wrong form, saying what is expected', () => {
    expect(withField(card, 'PHOTO', 'x')).toMatchObject({ ok: false, reason: expect.stringContaining('natter does not edit PHOTO; it edits FN, NICKNAME') });
    expect(withField(card, 'FN', '  ')).toEqual({ ok: false, reason: 'an empty FN: give a value, or clear the field' });
    expect(withField(card, 'NOTE', 'x'.repeat(1001))).toEqual({ ok: false, reason: 'a NOTE of 1001 characters; at most 1000' });
    expect(withField(card, 'BDAY', '6 August 1966')).toEqual({ ok: false, reason: 'BDAY must be a date written YYYY-MM-DD' });
    expect(withField(card, 'EMAIL', 'nope')).toMatchObject({ ok: false });
    expect(withField(card, 'BDAY', '1966-08-06')).toMatchObject({ ok: true });
  });
});
