import xml, { type Element } from '@xmpp/xml';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { afterEach, expect, it } from 'vitest';
import { sha1Hex } from './avatar-cache.js';
import { avatarFromFile, publishOwnAvatar, type OwnAvatarPort } from './own-avatar.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const file = (name: string, bytes: Buffer | string): string => {
  const dir = mkdtempSync(join(tmpdir(), 'natter-own-avatar-'));
  dirs.push(dir);
  writeFileSync(join(dir, name), bytes);
  return join(dir, name);
};
const stanzaError = (condition: string): Error => Object.assign(new Error(condition), { name: 'StanzaError', condition });

function png(width: number, height: number): Buffer {
  const image = new pngjs.PNG({ width, height });
  image.data.fill(200);
  return pngjs.PNG.sync.write(image);
}

/** An account whose server answers the vCard with `vcard` and each IQ set with `refuse(n)` (the nth set; undefined: accepted). */
function account(refuse: (n: number) => Error | undefined = () => undefined, vcard: Element = xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, 'Alice'))) {
  const sets: Element[] = [];
  const log: string[] = [];
  const port: OwnAvatarPort = {
    jid: 'alice@x',
    ask: async () => vcard,
    setOwn: async (child) => {
      const refusal = refuse(sets.length);
      sets.push(child);
      if (refusal) throw refusal;
      return undefined;
    },
    setOwnHash: (hash) => log.push(`hash ${hash}`),
    presenceAgain: async () => void log.push('presence'),
  };
  return { port, sets, log };
}

it('shrinks the file to at most 96×96 (aspect kept) as PNG', async () => {
  const image = await avatarFromFile(file('wide.png', png(300, 150)));
  expect([image.width, image.height]).toEqual([96, 48]);
  const decoded = pngjs.PNG.sync.read(image.png);
  expect([decoded.width, decoded.height]).toEqual([96, 48]);
  expect((await avatarFromFile(file('small.png', png(20, 30)))).width).toBe(20);
  // A JPEG (a phone photo) is read too, and published as PNG.
  const photo = jpeg.encode({ width: 400, height: 300, data: Buffer.alloc(400 * 300 * 4, 128) }, 90).data;
  const fromJpeg = await avatarFromFile(file('photo.jpg', photo));
  expect([fromJpeg.width, fromJpeg.height, fromJpeg.png.subarray(1, 4).toString('latin1')]).toEqual([96, 72, 'PNG']);
});

it('says what is wrong with the file: missing, not an image, too large, damaged', async () => {
  await expect(avatarFromFile('/nonexistent/me.png')).rejects.toThrow('there is no file /nonexistent/me.png');
  await expect(avatarFromFile(file('notes.txt', 'words'))).rejects.toThrow(/notes\.txt: it is not a PNG or JPEG image; give a PNG or JPEG image$/);
  const huge = png(1, 1);
  huge.writeUInt32BE(5000, 16);
  huge.writeUInt32BE(5000, 20);
  await expect(avatarFromFile(file('huge.png', huge))).rejects.toThrow('the image is 5000×5000 pixels; natter takes up to 4096×4096');
  await expect(avatarFromFile(file('broken.png', Buffer.concat([png(4, 4).subarray(0, 40), Buffer.alloc(20, 1)])))).rejects.toThrow(/broken\.png is a damaged image/);
});

it('publishes data, then metadata (XEP-0084 §4.1, §4.2), then the vCard PHOTO, then the presence with its hash', async () => {
  const { port, sets, log } = account();
  const image = { png: png(2, 2), width: 2, height: 2 };
  const hash = sha1Hex(image.png);
  expect(await publishOwnAvatar(port, image)).toBe(`published the avatar of alice@x (2×2 PNG, ${image.png.length} bytes, SHA-1 ${hash}): on PEP (XEP-0084) and in the vCard (XEP-0153)`);
  expect(sets.map((s) => s.getChild('publish')?.attrs.node ?? s.name)).toEqual(['urn:xmpp:avatar:data', 'urn:xmpp:avatar:metadata', 'vCard']);
  expect(sets[0]!.getChild('publish')?.getChild('item')?.attrs.id).toBe(hash);
  expect(sets[2]!.getChildText('FN')).toBe('Alice');
  expect(sets[2]!.getChild('PHOTO')?.getChildText('BINVAL')).toBe(image.png.toString('base64'));
  expect(log).toEqual([`hash ${hash}`, 'presence']);
});

it("a server refusal is one line and changes nothing more; a refused vCard leaves the PEP avatar and says so", async () => {
  const refused = account((n) => (n === 0 ? stanzaError('not-allowed') : undefined));
  await expect(publishOwnAvatar(refused.port, { png: png(2, 2), width: 2, height: 2 })).rejects.toThrow("alice@x's server refused the avatar data (not-allowed); nothing else was changed");
  expect(refused.sets).toHaveLength(1);
  expect(refused.log).toEqual([]);
  const vcardRefused = account((n) => (n === 2 ? stanzaError('not-acceptable') : undefined));
  expect(await publishOwnAvatar(vcardRefused.port, { png: png(2, 2), width: 2, height: 2 })).toMatch(/: on PEP \(XEP-0084\); the vCard was left as it is \(the server refused it: not-acceptable\)$/);
});

it('clears: an empty metadata (§4.5), the vCard without PHOTO, an empty photo hash', async () => {
  const { port, sets, log } = account(undefined, xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, 'A'), xml('PHOTO', {}, xml('BINVAL', {}, 'AAAA'))));
  expect(await publishOwnAvatar(port, undefined)).toBe('cleared the avatar of alice@x: on PEP (XEP-0084) and in the vCard (XEP-0153)');
  expect(sets[0]!.toString()).toContain('<metadata xmlns="urn:xmpp:avatar:metadata"/>');
  expect(sets[1]!.toString()).toBe('<vCard xmlns="vcard-temp"><FN>A</FN></vCard>');
  expect(log).toEqual(['hash ', 'presence']);
});
