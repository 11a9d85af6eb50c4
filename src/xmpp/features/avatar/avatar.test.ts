import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { buildPhotoUpdate, buildPublishMetadata, decodeBase64, MAX_AVATAR_BYTES, parseDataAnswer, parseMetadataAnswer, parseMetadataEvent, parsePhotoUpdate, validHash } from './avatar.js';

const HASH = '0123456789abcdef0123456789abcdef01234567';
const pubsub = (...children: ReturnType<typeof xml>[]) => xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, ...children);
const metadataItem = (...infos: Array<Record<string, string>>) =>
  pubsub(xml('items', { node: 'urn:xmpp:avatar:metadata' }, xml('item', { id: HASH }, xml('metadata', { xmlns: 'urn:xmpp:avatar:metadata' }, ...infos.map((i) => xml('info', i))))));

describe('validHash', () => {
  it('takes 40 hex digits (lower-cased) and nothing else: only such a name becomes a file', () => {
    expect(validHash(HASH.toUpperCase())).toBe(HASH);
    for (const bad of ['', '../../etc/passwd', `${HASH}0`, `${HASH.slice(1)}g`, `${HASH.slice(0, 39)}/`, undefined]) expect(validHash(bad)).toBeUndefined();
  });
});

describe('parseMetadataAnswer', () => {
  it('takes the PNG info (XEP-0084 §4.2), else the JPEG; an empty metadata or no item is no avatar', () => {
    const both = metadataItem({ id: HASH.replace('0', '1'), type: 'image/jpeg', bytes: '10' }, { id: HASH, type: 'image/png', bytes: '1234', width: '64', height: '32' });
    expect(parseMetadataAnswer(both)).toEqual({ ok: true, info: { id: HASH, type: 'image/png', bytes: 1234, width: 64, height: 32 } });
    expect(parseMetadataAnswer(metadataItem({ id: HASH, type: 'image/jpeg', bytes: '9' }))).toEqual({ ok: true, info: { id: HASH, type: 'image/jpeg', bytes: 9 } });
    expect(parseMetadataAnswer(metadataItem())).toEqual({ ok: true, info: undefined });
    expect(parseMetadataAnswer(pubsub(xml('items', { node: 'urn:xmpp:avatar:metadata' })))).toEqual({ ok: true, info: undefined });
  });
  it('refuses an id that is not a SHA-1, a type natter does not draw, and what is not an answer', () => {
    expect(parseMetadataAnswer(metadataItem({ id: '../x', type: 'image/png', bytes: '1' }))).toEqual({ ok: false, reason: 'the avatar id is not a SHA-1 hash' });
    expect(parseMetadataAnswer(metadataItem({ id: HASH, type: 'image/gif', bytes: '1' }))).toMatchObject({ ok: false, reason: expect.stringContaining('neither PNG nor JPEG') });
    expect(parseMetadataAnswer(undefined)).toMatchObject({ ok: false });
  });
});

describe('decodeBase64 and parseDataAnswer', () => {
  it('decodes the data item (line breaks allowed)', () => {
    const data = pubsub(xml('items', { node: 'urn:xmpp:avatar:data' }, xml('item', { id: HASH }, xml('data', { xmlns: 'urn:xmpp:avatar:data' }, 'aGVs\nbG8='))));
    expect(parseDataAnswer(data)).toEqual({ ok: true, bytes: Buffer.from('hello') });
  });
  it(`refuses more than ${MAX_AVATAR_BYTES / 1024} KiB by the text's length, before decoding it, and what is not base64`, () => {
    expect(decodeBase64('A'.repeat(400 * 1024))).toEqual({ ok: false, reason: 'the image is larger than natter takes (256 KiB)' });
    expect(decodeBase64(Buffer.alloc(MAX_AVATAR_BYTES + 3).toString('base64'))).toEqual({ ok: false, reason: 'the image is larger than natter takes (256 KiB)' });
    expect(decodeBase64(Buffer.alloc(MAX_AVATAR_BYTES).toString('base64'))).toMatchObject({ ok: true });
    for (const bad of ['', 'not base64!', 'A']) expect(decodeBase64(bad)).toEqual({ ok: false, reason: 'the image data is not base64' });
  });
});

describe('notifications and presence hashes', () => {
  it('reads a metadata notification (XEP-0084 §4.3) and a cleared one', () => {
    const event = (...infos: Array<Record<string, string>>) => xml('message', { from: 'bob@x', type: 'headline' }, xml('event', { xmlns: 'http://jabber.org/protocol/pubsub#event' },
      xml('items', { node: 'urn:xmpp:avatar:metadata' }, xml('item', { id: HASH }, xml('metadata', { xmlns: 'urn:xmpp:avatar:metadata' }, ...infos.map((i) => xml('info', i)))))));
    expect(parseMetadataEvent(event({ id: HASH, type: 'image/png', bytes: '1' }))).toEqual({ from: 'bob@x', id: HASH });
    expect(parseMetadataEvent(event())).toEqual({ from: 'bob@x', id: undefined });
    expect(parseMetadataEvent(xml('message', { from: 'bob@x' }, xml('body', {}, 'hi')))).toBeUndefined();
  });
  it('reads the XEP-0153 photo hash: a hash, empty (none), or nothing said; builds it', () => {
    const presence = (photo?: string) => xml('presence', {}, xml('x', { xmlns: 'vcard-temp:x:update' }, ...(photo === undefined ? [] : [xml('photo', {}, photo)])));
    expect(parsePhotoUpdate(presence(HASH))).toBe(HASH);
    expect(parsePhotoUpdate(presence(''))).toBe('');
    expect(parsePhotoUpdate(presence())).toBeUndefined();
    expect(parsePhotoUpdate(presence('evil/../name'))).toBeUndefined();
    expect(buildPhotoUpdate(HASH).toString()).toBe(`<x xmlns="vcard-temp:x:update"><photo>${HASH}</photo></x>`);
  });
  it('publishes metadata open to anyone, and an empty one to clear the avatar (§4.5)', () => {
    const built = buildPublishMetadata({ id: HASH, type: 'image/png', bytes: 10, width: 96, height: 48 }).toString();
    expect(built).toContain(`<item id="${HASH}"><metadata xmlns="urn:xmpp:avatar:metadata"><info id="${HASH}" type="image/png" bytes="10" width="96" height="48"/></metadata></item>`);
    expect(built).toContain('<field var="pubsub#access_model"><value>open</value></field>');
    expect(buildPublishMetadata(undefined).toString()).toContain('<metadata xmlns="urn:xmpp:avatar:metadata"/>');
  });
});
