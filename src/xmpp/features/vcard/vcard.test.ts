import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { buildVcardQuery, MAX_VCARD_FIELDS, MAX_VCARD_VALUE, parseVcard } from './vcard.js';

const element = (text: string): Element => parse(text) as unknown as Element;

describe('parseVcard', () => {
  it('reads the fields of the XEP-0054 §3.1 example in their order, structured ones joined', () => {
    const vcard = element(`<vCard xmlns="vcard-temp">
      <FN>Peter Saint-Andre</FN><N><FAMILY>Saint-Andre</FAMILY><GIVEN>Peter</GIVEN><MIDDLE/></N><NICKNAME>stpeter</NICKNAME>
      <URL>http://www.xmpp.org/xsf/people/stpeter.shtml</URL><BDAY>1966-08-06</BDAY>
      <ORG><ORGNAME>XMPP Standards Foundation</ORGNAME><ORGUNIT/></ORG><TITLE>Executive Director</TITLE><ROLE>Patron Saint</ROLE>
      <TEL><WORK/><VOICE/><NUMBER>303-308-3282</NUMBER></TEL>
      <ADR><WORK/><STREET>Suite 600</STREET><LOCALITY>Denver</LOCALITY><REGION>CO</REGION><PCODE>80202</PCODE><CTRY>USA</CTRY></ADR>
      <EMAIL><INTERNET/><PREF/><USERID>stpeter@jabber.org</USERID></EMAIL><JABBERID>stpeter@jabber.org</JABBERID>
      <DESC>More information about me is located on my personal website</DESC><PHOTO><TYPE>image/png</TYPE><BINVAL>iVBOR</BINVAL></PHOTO>
    </vCard>`);
    expect(parseVcard(vcard)).toEqual({
      ok: true,
      left: 0,
      fields: [
        { label: 'name', value: 'Peter Saint-Andre' },
        { label: 'full name', value: 'Peter Saint-Andre' },
        { label: 'nickname', value: 'stpeter' },
        { label: 'web', value: 'http://www.xmpp.org/xsf/people/stpeter.shtml' },
        { label: 'birthday', value: '1966-08-06' },
        { label: 'organisation', value: 'XMPP Standards Foundation' },
        { label: 'title', value: 'Executive Director' },
        { label: 'role', value: 'Patron Saint' },
        { label: 'phone', value: '303-308-3282' },
        { label: 'address', value: 'Suite 600, Denver, CO, 80202, USA' },
        { label: 'email', value: 'stpeter@jabber.org' },
        { label: 'JID', value: 'stpeter@jabber.org' },
        { label: 'about', value: 'More information about me is located on my personal website' },
      ],
    });
  });

  it('reads an empty vCard (what Prosody answers for nobody\'s) as no fields', () => {
    expect(parseVcard(element('<vCard xmlns="vcard-temp"><N><FAMILY/></N><FN/></vCard>'))).toEqual({ ok: true, fields: [], left: 0 });
  });

  it('bounds what a hostile vCard holds: values cut, fields past the limit counted', () => {
    const many = Array.from({ length: MAX_VCARD_FIELDS + 7 }, (_, i) => `<NICKNAME>n${i}</NICKNAME>`).join('');
    const parsed = parseVcard(element(`<vCard xmlns="vcard-temp"><NOTE>${'x'.repeat(100_000)}</NOTE>${many}</vCard>`));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.fields).toHaveLength(MAX_VCARD_FIELDS);
    expect(parsed.fields[0]?.value).toHaveLength(MAX_VCARD_VALUE);
    expect(parsed.left).toBe(8);
  });

  it('refuses what is not a vcard-temp vCard, and asks with an empty one', () => {
    expect(parseVcard(element('<vcard xmlns="urn:ietf:params:xml:ns:vcard-4.0"/>'))).toMatchObject({ ok: false });
    expect(parseVcard(undefined)).toMatchObject({ ok: false });
    expect(buildVcardQuery().toString()).toBe('<vCard xmlns="vcard-temp"/>');
  });
});
