import xml, { type Element } from '@xmpp/xml';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pngjs from 'pngjs';
import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';
import { makePng, pngHeaderOnly, sha1, STRIPES } from '../support/png.js';
import type { CellDrawing } from '../support/pty.js';
import type { Peer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';

/** Bob publishes `bytes` as his avatar (XEP-0084 §4.1, §4.2), announced under `id` (the SHA-1 unless a test lies). */
async function publishAvatar(bob: Peer, bytes: Buffer, id = sha1(bytes), meta: { width?: number; height?: number } = {}): Promise<void> {
  await bob.request(xml('iq', { type: 'set', id: `data-${id}` }, xml('pubsub', { xmlns: NS_PUBSUB },
    xml('publish', { node: 'urn:xmpp:avatar:data' }, xml('item', { id }, xml('data', { xmlns: 'urn:xmpp:avatar:data' }, bytes.toString('base64')))))));
  await bob.request(xml('iq', { type: 'set', id: `meta-${id}` }, xml('pubsub', { xmlns: NS_PUBSUB },
    xml('publish', { node: 'urn:xmpp:avatar:metadata' }, xml('item', { id }, xml('metadata', { xmlns: 'urn:xmpp:avatar:metadata' },
      xml('info', { id, type: 'image/png', bytes: String(bytes.length), width: String(meta.width ?? 16), height: String(meta.height ?? 16) })))))));
}

/** The half blocks of the picture row `below` rows under the caption: their character and colours. */
const cellsUnder = (cells: CellDrawing[] | undefined): Array<Pick<CellDrawing, 'char' | 'fg' | 'bg'>> =>
  (cells ?? []).filter((c) => c.char === '▀' || c.char === '▄').map(({ char, fg, bg }) => ({ char, fg, bg }));

it("/info draws bob's PEP avatar (XEP-0084) in truecolor half blocks, and caches it by its hash", async () => {
  const { bob, natter, dirs } = await natterAndBob(info, cleanup, { contacts: true, cols: 120, rows: 40, env: { COLORTERM: 'truecolor' } });
  const png = makePng(16, 16, STRIPES);
  await publishAvatar(bob, png);
  natter.type(`/info ${bob.jid}\r`);
  await natter.waitForText('avatar (XEP-0084, 16×16 PNG):');
  // 16 pixels wide, 8 rows of half blocks: red (or green) pixel rows over blue ones.
  const red = { char: '▀', fg: '#ff0000', bg: '#0000ff' };
  const green = { char: '▀', fg: '#00ff00', bg: '#0000ff' };
  const row = [...Array(8).fill(red), ...Array(8).fill(green)];
  await expect.poll(async () => cellsUnder(await natter.rowLooks('avatar (XEP-0084, 16×16 PNG):', 1))).toEqual(row);
  // The last of the 8 rows (a frame may still be being written when the caption shows).
  await expect.poll(async () => cellsUnder(await natter.rowLooks('avatar (XEP-0084, 16×16 PNG):', 8))).toEqual(row);
  // Kept under its hash in the XDG cache dir, which only the user may read.
  const cacheDir = join(dirs.env.XDG_CACHE_HOME!, 'natter', 'avatars');
  expect(existsSync(join(cacheDir, sha1(png)))).toBe(true);
  expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
});

it('at 256 colours the half blocks are drawn from the palette', async () => {
  const { bob, natter } = await natterAndBob(info, cleanup, { contacts: true, cols: 120, rows: 40 });
  await publishAvatar(bob, makePng(16, 16, STRIPES));
  natter.type(`/info ${bob.jid}\r`);
  await natter.waitForText('avatar (XEP-0084, 16×16 PNG):');
  // xterm's 256: red 196, green 46, blue 21.
  await expect.poll(async () => cellsUnder(await natter.rowLooks('avatar (XEP-0084, 16×16 PNG):', 1))).toEqual([...Array(8).fill({ char: '▀', fg: 'palette 196', bg: 'palette 21' }), ...Array(8).fill({ char: '▀', fg: 'palette 46', bg: 'palette 21' })]);
});

it('without colour (NO_COLOR) the avatar is a line saying it is not drawn', async () => {
  const { bob, natter } = await natterAndBob(info, cleanup, { contacts: true, cols: 120, rows: 40, env: { NO_COLOR: '1' } });
  await publishAvatar(bob, makePng(16, 16, STRIPES));
  natter.type(`/info ${bob.jid}\r`);
  await natter.waitForText('avatar (XEP-0084, 16×16 PNG):');
  await natter.waitForText('(a picture: not drawn, the terminal shows no colour)');
  expect(await natter.screenText()).not.toContain('▀');
});

it('a hostile avatar is a line saying why, and natter goes on: huge dimensions, damaged data, a hash that lies, not an image', async () => {
  const { bob, natter } = await natterAndBob(info, cleanup, { contacts: true, cols: 160, rows: 40, env: { COLORTERM: 'truecolor' } });
  const cases: Array<[Buffer, string | undefined, string]> = [
    [pngHeaderOnly(30000, 30000), undefined, 'avatar: refused: the image is 30000×30000 pixels; natter takes up to 2048×2048'],
    [damaged(makePng(16, 16, STRIPES)), undefined, 'avatar: refused: the 16×16 PNG image is damaged'],
    [makePng(16, 16, STRIPES), sha1(Buffer.from('something else')), 'avatar: refused: the image does not match its SHA-1 hash'],
    [Buffer.from('<html>not a picture</html>'), undefined, 'avatar: refused: it is not a PNG or JPEG image'],
  ];
  for (const [index, [bytes, id, line]] of cases.entries()) {
    // Prosody keeps one item a node, the newest by a clock of whole seconds: two published in
    // the same second may keep the older. The nodes are emptied first (once there are any:
    // xmpp.js reports a fast error answer as an unhandled rejection), so only the new one is there.
    for (const node of index === 0 ? [] : ['urn:xmpp:avatar:metadata', 'urn:xmpp:avatar:data']) {
      await bob.request(xml('iq', { type: 'set' }, xml('pubsub', { xmlns: `${NS_PUBSUB}#owner` }, xml('purge', { node }))));
    }
    await publishAvatar(bob, bytes, id);
    natter.type(`/info ${bob.jid}\r`);
    await natter.waitForText(line, 20_000);
    expect(cellsUnder(await natter.rowLooks(line, 1))).toEqual([]);
  }
  // Still alive and answering.
  natter.type('/info nobody@\r');
  await natter.waitForText('"nobody@" is not a JID');
});

it('/avatar set publishes a PNG shrunk to 96 pixels: bob fetches the data back and its SHA-1 is the metadata id', async () => {
  const { a, bob, natter, login } = await natterAndBob(info, cleanup, { contacts: true, cols: 250, rows: 30 });
  const file = join(login.dir, 'me.png');
  writeFileSync(file, makePng(200, 100, (x) => (x < 100 ? 0xff8800 : 0x0088ff)));
  const presence = bob.waitForPresence((p) => p.getChild('x', 'vcard-temp:x:update')?.getChildText('photo')?.length === 40);
  natter.type(`/avatar set ${file}\r`);
  await natter.waitForText(/published the avatar of \S+ \(96×48 PNG, \d+ bytes, SHA-1 [0-9a-f]{40}\): on PEP \(XEP-0084\) and in the vCard \(XEP-0153\)/);
  const meta = await bob.request(xml('iq', { type: 'get', to: a.jid, id: 'meta' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: 'urn:xmpp:avatar:metadata' }))));
  const infoElement = meta.getChild('pubsub')?.getChild('items')?.getChild('item')?.getChild('metadata')?.getChild('info') as Element;
  // (Prosody's mod_vcard_legacy publishes the metadata again from the vCard, without width and height.)
  expect(infoElement.attrs).toMatchObject({ type: 'image/png' });
  const id = String(infoElement.attrs.id);
  const data = await bob.request(xml('iq', { type: 'get', to: a.jid, id: 'data' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: 'urn:xmpp:avatar:data' }, xml('item', { id })))));
  const bytes = Buffer.from(data.getChild('pubsub')?.getChild('items')?.getChild('item')?.getChildText('data') ?? '', 'base64');
  expect(sha1(bytes)).toBe(id);
  expect(String(infoElement.attrs.bytes)).toBe(String(bytes.length));
  const decoded = pngjs.PNG.sync.read(bytes);
  expect([decoded.width, decoded.height, [...decoded.data.subarray(0, 4)]]).toEqual([96, 48, [0xff, 0x88, 0x00, 0xff]]);
  // XEP-0153: the vCard holds the same photo, and natter's presence its hash.
  const vcard = await bob.request(xml('iq', { type: 'get', to: a.jid, id: 'vc' }, xml('vCard', { xmlns: 'vcard-temp' })));
  expect(sha1(Buffer.from(vcard.getChild('vCard')?.getChild('PHOTO')?.getChildText('BINVAL') ?? '', 'base64'))).toBe(id);
  expect((await presence).getChild('x', 'vcard-temp:x:update')?.getChildText('photo')).toBe(id);
});

it('/avatar bad input is one clear line: no file, a missing file, not an image', async () => {
  const { natter, login } = await natterAndBob(info, cleanup, { cols: 200, rows: 30 });
  natter.type('/avatar set\r');
  await natter.waitForText('Wrong number of arguments. Usage: /avatar set file');
  natter.type(`/avatar set ${join(login.dir, 'nothing.png')}\r`);
  await natter.waitForText(`there is no file ${join(login.dir, 'nothing.png')}`);
  const text = join(login.dir, 'notes.txt');
  writeFileSync(text, 'just words');
  natter.type(`/avatar set ${text}\r`);
  await natter.waitForText(`${text}: it is not a PNG or JPEG image; give a PNG or JPEG image`);
  const huge = join(login.dir, 'huge.png');
  writeFileSync(huge, pngHeaderOnly(5000, 5000));
  natter.type(`/avatar set ${huge}\r`);
  await natter.waitForText(`${huge}: the image is 5000×5000 pixels; natter takes up to 4096×4096`);
});

/** The PNG with its image data overwritten (the header kept): pngjs's checks or inflate refuse it. */
function damaged(png: Buffer): Buffer {
  const copy = Buffer.from(png);
  const idat = copy.indexOf('IDAT', 0, 'latin1');
  copy.fill(0x5a, idat + 4, idat + 20);
  return copy;
}
