import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

it('/xmlconsole shows the XML of a login and of messages, with the SASL exchange hidden and the password nowhere', async () => {
  const { a, b, bob, natter } = await natterAndBob(info, cleanup, { cols: 200, rows: 50 });
  natter.type('/xmlconsole');
  natter.press('enter');
  await natter.waitForText(`2:xml ${a.jid}`);
  await natter.waitForText('passwords and SASL data hidden');

  // To see a login, log out and in again with the console open.
  natter.type('/disconnect');
  natter.press('enter');
  await natter.waitForText('→ <presence type="unavailable"/>');
  natter.type('/connect');
  natter.press('enter');
  await natter.waitForText(/→ <iq[^\n]*jabber:iq:roster/);
  // Sent after the block list is read: before it, bob's message would be kept offline.
  await natter.waitForText(/→ <presence><c /);

  await bob.send(a.jid, 'hello through the console');
  await natter.waitForText(/← <message[^\n]*<body>hello through/);

  for (let i = 0; i < 10; i++) natter.press('pageup');
  await natter.waitForText(/→ <auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="SCRAM-SHA-[0-9]+">\[hidden\]<\/auth>/);
  const screen = await natter.screenText();
  expect(screen).toMatch(/← <challenge xmlns="urn:ietf:params:xml:ns:xmpp-sasl">\[hidden\]<\/challenge>/);
  expect(screen).toMatch(/→ <response xmlns="urn:ietf:params:xml:ns:xmpp-sasl"[^>]*>\[hidden\]<\/response>/);
  expect(screen).toMatch(/← <success xmlns="urn:ietf:params:xml:ns:xmpp-sasl">\[hidden\]<\/success>/);
  // Neither the password nor any SCRAM message (base64 of "n,,n=<user>" / "c=biws") ever reached the terminal.
  const everything = natter.output();
  expect(everything).not.toContain(a.password);
  expect(everything).not.toContain(Buffer.from(`n,,n=${a.jid.split('@')[0]}`).toString('base64').slice(0, 12));
  expect(everything).not.toContain('c=biws');
  expect(everything).not.toContain('Yz1iaXdz');

  // Closing the tab ends the trace: the next message is shown in the chat, not in a console.
  natter.type('/close');
  natter.press('enter');
  await bob.send(a.jid, 'after the console');
  await natter.waitForText(`2:${b.jid}`);
  // Polled: the tab bar is drawn before the rest of the frame (the status line still named the tab).
  await expect.poll(() => natter.screenText(), { timeout: 5000 }).not.toContain('xml ');
  natter.type('/quit');
  natter.press('enter');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
