import xml from '@xmpp/xml';
import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { spawnNatter, tempDirs } from '../support/pty.js';
import { connectPeer, type Peer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const QUERIES = {
  ping: xml('ping', { xmlns: 'urn:xmpp:ping' }),
  version: xml('query', { xmlns: 'jabber:iq:version' }),
  disco: xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' }),
};

/** The full JID natter is online as, from its available presence to a contact. */
async function natterFullJid(contact: Peer, account: string): Promise<string> {
  const presence = await contact.waitForPresence((p) => String(p.attrs.from ?? '').startsWith(`${account}/`) && p.attrs.type === undefined);
  return String(presence.attrs.from);
}

/** What each query got: 'answered', or the error condition. */
async function ask(peer: Peer, to: string): Promise<Record<keyof typeof QUERIES, string>> {
  const outcome = async (child: ReturnType<typeof xml>): Promise<string> =>
    peer.iqGet(to, child).then(() => 'answered', (error: { condition?: string }) => error.condition ?? String(error));
  return { ping: await outcome(QUERIES.ping), version: await outcome(QUERIES.version), disco: await outcome(QUERIES.disco) };
}

it('is online under a random resource, not natter-<pid>: a new one each run', async () => {
  const { a, bob, natter, login } = await natterAndBob(info, cleanup, { contacts: true });
  const first = await natterFullJid(bob, a.jid);
  const resource = first.slice(a.jid.length + 1);
  expect(resource).not.toBe(`natter-${natter.pid}`);
  expect(resource).not.toContain(String(natter.pid));
  expect(resource).toMatch(/^natter-[0-9a-f]{12}$/);

  // A second run of the same account (its own HOME and XDG dirs): another resource.
  const other = tempDirs();
  const again = spawnNatter({ cols: 100, rows: 30, args: login.args, env: other.env });
  cleanup.push(() => again.dispose(), other.remove);
  await again.waitForText(`${a.jid}: online`);
  const second = await bob.waitForPresence((p) => String(p.attrs.from ?? '').startsWith(`${a.jid}/`) && p.attrs.from !== first && p.attrs.type === undefined);
  expect(String(second.attrs.from)).toMatch(/\/natter-[0-9a-f]{12}$/);
  expect(second.attrs.from).not.toBe(first);
});

it("answers ping, version and disco#info to a contact, and service-unavailable to a stranger who knows the full JID", async () => {
  const { a, bob, natter } = await natterAndBob(info, cleanup, { contacts: true });
  const full = await natterFullJid(bob, a.jid);
  const stranger = await connectPeer(info, await registerAccount(info, uniqueLocal('stranger')));
  cleanup.push(() => stranger.stop());

  expect(await ask(stranger, full)).toEqual({ ping: 'service-unavailable', version: 'service-unavailable', disco: 'service-unavailable' });
  // The same error as a resource that does not exist: nothing tells the two apart.
  expect(await ask(stranger, `${a.jid}/natter-000000000000`)).toEqual({ ping: 'service-unavailable', version: 'service-unavailable', disco: 'service-unavailable' });
  expect(await ask(bob, full)).toEqual({ ping: 'answered', version: 'answered', disco: 'answered' });

  // Once natter has written to the stranger, they learn it is online anyway: they are answered.
  natter.type(`/msg ${stranger.jid} hello\r`);
  await stranger.waitForMessage((m) => m.body === 'hello');
  expect(await ask(stranger, full)).toEqual({ ping: 'answered', version: 'answered', disco: 'answered' });
});
