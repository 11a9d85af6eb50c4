import xml, { type Element } from '@xmpp/xml';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { afterEach, expect, it } from 'vitest';
import { avatarCache, sha1Hex } from './avatar-cache.js';
import { avatarOf } from './peer-avatar.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const cache = () => {
  const dir = mkdtempSync(join(tmpdir(), 'natter-avatars-'));
  dirs.push(dir);
  return avatarCache(dir);
};
const stanzaError = (condition: string): Error => Object.assign(new Error(condition), { name: 'StanzaError', condition });

function png(width: number, height: number, rgb: number): Buffer {
  const image = new pngjs.PNG({ width, height });
  for (let i = 0; i < width * height; i++) image.data.set([(rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, 255], i * 4);
  return pngjs.PNG.sync.write(image);
}
const pubsub = (node: string, item: Element) => xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('items', { node }, item));
const metadata = (id: string) => pubsub('urn:xmpp:avatar:metadata', xml('item', { id }, xml('metadata', { xmlns: 'urn:xmpp:avatar:metadata' }, xml('info', { id, type: 'image/png', bytes: '1' }))));
const data = (id: string, bytes: Buffer) => pubsub('urn:xmpp:avatar:data', xml('item', { id }, xml('data', { xmlns: 'urn:xmpp:avatar:data' }, bytes.toString('base64'))));

/** A server: the PEP metadata and data of `pep` (or an error), the vCard `vcard` (or an error); records what was asked. */
function server(pep: { id: string; bytes: Buffer } | Error, vcard: Element | Error = stanzaError('item-not-found')) {
  const asked: string[] = [];
  const ask = async (child: Element): Promise<Element | undefined> => {
    const node = child.getChild('items')?.attrs.node as string | undefined;
    asked.push(node ?? child.name);
    const answer = node === undefined ? vcard : pep instanceof Error ? pep : node.endsWith('metadata') ? metadata(pep.id) : data(pep.id, pep.bytes);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { port: { ask }, asked };
}

it('draws a PEP avatar, cached by its hash: the second time only the metadata is asked', async () => {
  const bytes = png(48, 48, 0x336699);
  const { port, asked } = server({ id: sha1Hex(bytes), bytes });
  const store = cache();
  const first = await avatarOf(port, store, 'bob@x');
  expect(first.caption).toBe('avatar (XEP-0084, 48×48 PNG):');
  expect(first.picture).toMatchObject({ width: 24, height: 24 });
  expect(first.picture?.pixels.every((p) => p === 0x336699)).toBe(true);
  expect(await avatarOf(port, store, 'bob@x')).toEqual(first);
  expect(asked).toEqual(['urn:xmpp:avatar:metadata', 'urn:xmpp:avatar:data', 'urn:xmpp:avatar:metadata']);
  // Without an answer, the avatar the last notification named, from the cache.
  const timeout = { ask: () => Promise.reject(Object.assign(new Error('timeout'), { name: 'TimeoutError' })) };
  expect(await avatarOf(timeout, store, 'bob@x', { pep: sha1Hex(bytes) })).toEqual(first);
  expect(await avatarOf(timeout, store, 'bob@x')).toEqual({ caption: 'avatar: not shown: timeout' });
});

it('draws a JPEG avatar too (its type read from its bytes)', async () => {
  const bytes = jpeg.encode({ width: 8, height: 8, data: Buffer.alloc(8 * 8 * 4, 255) }, 95).data;
  const drawn = await avatarOf(server({ id: sha1Hex(bytes), bytes }).port, cache(), 'bob@x');
  expect(drawn.caption).toBe('avatar (XEP-0084, 8×8 JPEG):');
  expect(drawn.picture?.pixels.every((p) => p >= 0xf0f0f0)).toBe(true);
});

it('falls back to the vCard PHOTO (XEP-0153) where there is no PEP avatar, and checks it against the presence hash', async () => {
  const bytes = png(10, 6, 0xff0000);
  const vcard = xml('vCard', { xmlns: 'vcard-temp' }, xml('PHOTO', {}, xml('TYPE', {}, 'image/png'), xml('BINVAL', {}, bytes.toString('base64'))));
  expect(await avatarOf(server(stanzaError('item-not-found'), vcard).port, cache(), 'bob@x')).toMatchObject({ caption: 'avatar (vCard, XEP-0153, 10×6 PNG):', picture: { width: 10, height: 6 } });
  expect(await avatarOf(server(stanzaError('item-not-found'), vcard).port, cache(), 'bob@x', { photo: sha1Hex(Buffer.from('x')) }))
    .toEqual({ caption: 'avatar: refused: the image does not match its SHA-1 hash' });
  expect(await avatarOf(server(stanzaError('service-unavailable')).port, cache(), 'bob@x')).toEqual({ caption: 'avatar: none published' });
});

it('refuses before decoding: a hash that lies, huge dimensions, what is not an image; a damaged image is a caption too', async () => {
  const good = png(4, 4, 0);
  const cases: Array<[{ id: string; bytes: Buffer }, string]> = [
    [{ id: sha1Hex(Buffer.from('x')), bytes: good }, 'avatar: refused: the image does not match its SHA-1 hash'],
    [{ id: sha1Hex(huge()), bytes: huge() }, 'avatar: refused: the image is 9000×9000 pixels; natter takes up to 2048×2048'],
    [{ id: sha1Hex(Buffer.from('GIF89a')), bytes: Buffer.from('GIF89a') }, 'avatar: refused: it is not a PNG or JPEG image'],
  ];
  for (const [pep, caption] of cases) expect(await avatarOf(server(pep).port, cache(), 'bob@x')).toEqual({ caption });
  const broken = Buffer.concat([good.subarray(0, 40), Buffer.alloc(30, 0x77)]);
  expect((await avatarOf(server({ id: sha1Hex(broken), bytes: broken }).port, cache(), 'bob@x')).caption).toMatch(/^avatar: refused: the 4×4 PNG image is damaged \(.+\)$/);
});

it('says why when the question itself fails (offline, timeout), in one line', async () => {
  const offline = { ask: () => Promise.reject(new Error('alice@x is offline; /connect alice@x first')) };
  expect(await avatarOf(offline, cache(), 'bob@x')).toEqual({ caption: 'avatar: not shown: alice@x is offline; /connect alice@x first' });
});

/** A PNG whose header says 9000×9000 (its data is never read). */
function huge(): Buffer {
  const bytes = png(1, 1, 0);
  bytes.writeUInt32BE(9000, 16);
  bytes.writeUInt32BE(9000, 20);
  return bytes;
}
