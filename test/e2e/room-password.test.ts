import { randomBytes } from 'node:crypto';
import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';
import { uniqueLocal } from '../support/prosody.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

const NS_MUC = 'http://jabber.org/protocol/muc';

/** A field of a submitted data form (XEP-0004). */
const field = (name: string, value: string) => xml('field', { var: name }, xml('value', {}, value));

it('/join ROOM PASSWORD joins the room, and the password shows nowhere: not in the console tab, not in the line history', async () => {
  const room = `${uniqueLocal('locked')}@conference.localhost`;
  const password = `pw-${randomBytes(6).toString('hex')}`;
  const { a, bob, natter } = await natterAndBob(info, cleanup, { cols: 140, rows: 32 });
  const nick = a.jid.slice(0, a.jid.indexOf('@'));
  // bob creates the room and makes it password-protected (XEP-0045 §10.1.3, the owner's config form).
  await bob.sendRaw(xml('presence', { to: `${room}/bob` }, xml('x', { xmlns: NS_MUC })));
  await bob.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: `${NS_MUC}#owner` }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' },
    field('FORM_TYPE', `${NS_MUC}#roomconfig`),
    field('muc#roomconfig_passwordprotectedroom', '1'),
    field('muc#roomconfig_roomsecret', password),
  ))));

  natter.type(`/join ${room} ${password}\r`);
  await natter.waitForText(`joined as ${nick}; 2 people here`);
  await bob.waitForPresence((p) => p.attrs.from === `${room}/${nick}`);
  expect(await natter.screenText()).not.toContain(password);

  natter.press('alt-1'); // the console tab, where the line was typed and is echoed
  await natter.waitForText(`/join ${room} `);
  expect(await natter.screenText()).not.toContain(password);
  expect(await natter.screenText()).toContain(`/join ${room} [password hidden]`);

  // Up recalls the line without the password (ready to type it again), never with it.
  natter.press('up');
  await natter.waitForText(`> /join ${room}`);
  expect(await natter.screenText()).not.toContain(password);
  natter.type('\u0015'); // Ctrl-U: an empty line again
  await natter.waitForText(/^>\s*$/m);
  // Nor does a reverse search (Ctrl-R) for the password find it.
  natter.write('\u0012');
  await natter.waitForText('(history search: )');
  natter.type(password.slice(0, 8));
  await natter.waitForText(`(history search: ${password.slice(0, 8)})`);
  const searched = await natter.screen();
  expect(searched.at(-1)).not.toContain('/join');
});
