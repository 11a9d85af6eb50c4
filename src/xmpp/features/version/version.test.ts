import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { expect, it } from 'vitest';
import { buildPing } from '../ping/ping.js';
import { buildVersionQuery, MAX_VERSION_FIELD, parseVersion } from './version.js';

const element = (text: string): Element => parse(text) as unknown as Element;

it('asks with an empty query, and pings with an empty <ping/>', () => {
  expect(buildVersionQuery().toString()).toBe('<query xmlns="jabber:iq:version"/>');
  expect(buildPing().toString()).toBe('<ping xmlns="urn:xmpp:ping"/>');
});

it('reads name, version and os (XEP-0092 §2 example), os only when given', () => {
  expect(parseVersion(element('<query xmlns="jabber:iq:version"><name>Exodus</name><version>0.7.0.4</version><os>Windows-XP 5.01.2600</os></query>'))).toEqual({
    ok: true, name: 'Exodus', version: '0.7.0.4', os: 'Windows-XP 5.01.2600',
  });
  expect(parseVersion(element('<query xmlns="jabber:iq:version"><name> natter </name><version>1</version><os></os></query>'))).toEqual({ ok: true, name: 'natter', version: '1' });
});

it('refuses an answer without name or version, or of another namespace, and cuts long fields', () => {
  expect(parseVersion(element('<query xmlns="jabber:iq:version"><version>1</version></query>'))).toEqual({ ok: false, reason: 'no <name/> in the answer' });
  expect(parseVersion(element('<query xmlns="jabber:iq:version"><name>x</name></query>'))).toEqual({ ok: false, reason: 'no <version/> in the answer' });
  expect(parseVersion(element('<query xmlns="jabber:iq:time"/>'))).toMatchObject({ ok: false });
  expect(parseVersion(undefined)).toMatchObject({ ok: false });
  const long = parseVersion(element(`<query xmlns="jabber:iq:version"><name>${'n'.repeat(100_000)}</name><version>1</version></query>`));
  expect(long.ok && long.name).toHaveLength(MAX_VERSION_FIELD);
});
