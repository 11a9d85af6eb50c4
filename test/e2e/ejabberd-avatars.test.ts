import xml from '@xmpp/xml';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startEjabberd, type EjabberdServer } from '../support/ejabberd.js';
import { oneRunLogin } from '../support/one-run-login.js';
import { makePng, STRIPES } from '../support/png.js';
import { uniqueLocal } from '../support/prosody.js';
import { spawnNatter } from '../support/pty.js';
import { connectPeer } from '../support/xmpp-peer.js';

// A vCard avatar and no PEP one (XEP-0153 alone): ejabberd with vcard-temp (mod_vcard) and no
// PEP, where a PHOTO stays in the vCard. (Prosody's mod_vcard_legacy makes every vCard PHOTO a
// PEP avatar, so there a peer can not have only a vCard one.)
let ejabberd: EjabberdServer;
beforeAll(async () => {
  ejabberd = await startEjabberd({ modules: ['mod_vcard: {search: false}'] });
}, 60_000);
afterAll(() => ejabberd?.stop());
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

it("/info draws bob's vCard photo where he has no PEP avatar (XEP-0153)", async () => {
  const [a, b] = [await ejabberd.register(uniqueLocal('alice')), await ejabberd.register(uniqueLocal('bob'))];
  const bob = await connectPeer(ejabberd, b);
  cleanup.push(() => bob.stop());
  const photo = makePng(16, 16, STRIPES).toString('base64');
  await bob.request(xml('iq', { type: 'set', id: 'vc' }, xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, 'Bob Vcard'),
    xml('PHOTO', {}, xml('TYPE', {}, 'image/png'), xml('BINVAL', {}, photo)))));
  const login = oneRunLogin(ejabberd, a);
  cleanup.push(login.remove);
  const natter = spawnNatter({ cols: 140, rows: 40, args: login.args, env: { COLORTERM: 'truecolor' } });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a.jid}: online`, 20_000);
  natter.type(`/info ${b.jid}\r`);
  await natter.waitForText('name: Bob Vcard');
  await natter.waitForText('avatar (vCard, XEP-0153, 16×16 PNG):');
  const red = { char: '▀', fg: '#ff0000', bg: '#0000ff' };
  const green = { char: '▀', fg: '#00ff00', bg: '#0000ff' };
  await expect.poll(async () => (await natter.rowLooks('avatar (vCard, XEP-0153, 16×16 PNG):', 1))?.filter((c) => c.char === '▀').map(({ char, fg, bg }) => ({ char, fg, bg })))
    .toEqual([...Array(8).fill(red), ...Array(8).fill(green)]);
});

it('/avatar set on a server without PEP is one line saying it refused, and the vCard is left as it is', async () => {
  const a = await ejabberd.register(uniqueLocal('alice'));
  const login = oneRunLogin(ejabberd, a);
  cleanup.push(login.remove);
  const file = join(login.dir, 'me.png');
  writeFileSync(file, makePng(16, 16, STRIPES));
  const natter = spawnNatter({ cols: 200, rows: 30, args: login.args });
  cleanup.push(() => natter.dispose());
  await natter.waitForText(`${a.jid}: online`, 20_000);
  natter.type(`/avatar set ${file}\r`);
  await natter.waitForText(/\/avatar set failed: \S+'s server refused the avatar data \([a-z-]+\); nothing else was changed/);
  // Published nothing: the vCard (which would now hold the photo) is still not there.
  const bob = await connectPeer(ejabberd, await ejabberd.register(uniqueLocal('bob')));
  cleanup.push(() => bob.stop());
  const vcard = await bob.request(xml('iq', { type: 'get', to: a.jid, id: 'vc' }, xml('vCard', { xmlns: 'vcard-temp' }))).catch((error: unknown) => error);
  expect(vcard instanceof Error ? 'refused' : String((vcard as ReturnType<typeof xml>).getChild('vCard')?.getChild('PHOTO') ?? 'no photo')).not.toContain('BINVAL');
});
