import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { expect, it } from 'vitest';
import { buildClientState, offersCsi } from './csi.js';

const element = (text: string) => parse(text) as unknown as Element;
const features = (inner: string) => element(`<stream:features xmlns:stream="http://etherx.jabber.org/streams">${inner}</stream:features>`);

it('builds the top-level active and inactive elements', () => {
  expect(String(buildClientState('inactive'))).toBe('<inactive xmlns="urn:xmpp:csi:0"/>');
  expect(String(buildClientState('active'))).toBe('<active xmlns="urn:xmpp:csi:0"/>');
});

it('reads CSI only from a csi stream feature in its namespace', () => {
  expect(offersCsi(features('<csi xmlns="urn:xmpp:csi:0"/><sm xmlns="urn:xmpp:sm:3"/>'))).toBe(true);
  expect(offersCsi(features('<sm xmlns="urn:xmpp:sm:3"/>'))).toBe(false);
  expect(offersCsi(features('<csi xmlns="urn:xmpp:csi:1"/>'))).toBe(false);
  // Anything but stream features says nothing about it.
  expect(offersCsi(element('<csi xmlns="urn:xmpp:csi:0"/>'))).toBeUndefined();
});
