import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { xml } from '@xmpp/client';
import { registerAccount, type ProsodyAccount, type ProsodyInfo } from '../../test/support/prosody.js';
import { connectPeer, type Peer } from '../../test/support/xmpp-peer.js';
import { contactName } from '../roster-file.js';

const NS_MUC = 'http://jabber.org/protocol/muc';

export interface SoakSize {
  /** Roster size of natter's account; the peers are among them. */
  contacts: number;
  /** Accounts that send the 1:1 traffic (and speak in the rooms); each is natter's contact. */
  peers: number;
  rooms: number;
}

export interface SoakWorld {
  account: ProsodyAccount;
  peers: Peer[];
  /** Room JIDs; rooms[r] is spoken in by peers[r % peers.length], its owner. */
  rooms: string[];
  stop(): Promise<void>;
}

/** Prosody's datamanager file-name encoding: every non-alphanumeric byte as %xx. */
const encode = (name: string): string => name.replace(/[^a-zA-Z0-9]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

function writeRosterFile(info: ProsodyInfo, owner: ProsodyAccount, items: string[]): void {
  const dir = join(info.dir, 'data', encode(owner.domain), 'roster');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${encode(owner.local)}.dat`), `return {\n[false] = { version = 1 };\n${items.join('\n')}\n};\n`);
}

const item = (jid: string, name: string, subscription: 'both' | 'none'): string =>
  `["${jid}"] = { subscription = "${subscription}"; name = "${name}"; groups = { ["soak"] = true } };`;

/**
 * natter's account with `contacts` contacts, written straight into Prosody's storage before
 * anyone logs in (2,000 roster IQs would take minutes): the peers as mutual contacts
 * (RFC 6121 subscription both, so their messages and presence reach natter as a contact's),
 * the rest as contactNNNN names nobody logs in as. Each peer online, each room made (an
 * instant room, XEP-0045 §10.1.2) by the peer that speaks in it, who stays in it.
 */
export async function prepareWorld(info: ProsodyInfo, size: SoakSize, tag: string): Promise<SoakWorld> {
  if (size.peers < 1 || size.peers > size.contacts) throw new Error(`--peers must be between 1 and --contacts (${size.contacts}); not ${size.peers}`);
  const account = await registerAccount(info, `soak${tag}`);
  const peerAccounts: ProsodyAccount[] = [];
  // prosodyctl starts a Lua process per account: a few at a time.
  for (let start = 0; start < size.peers; start += 8) {
    const batch = Array.from({ length: Math.min(8, size.peers - start) }, (_, i) => registerAccount(info, `peer${tag}n${start + i}`));
    peerAccounts.push(...(await Promise.all(batch)));
  }
  const fake = Array.from({ length: size.contacts - size.peers }, (_, i) => item(`${contactName(i)}@${account.domain}`, contactName(i), 'none'));
  writeRosterFile(info, account, [...peerAccounts.map((p) => item(p.jid, p.local, 'both')), ...fake]);
  for (const peer of peerAccounts) writeRosterFile(info, peer, [item(account.jid, account.local, 'both')]);
  const peers: Peer[] = [];
  for (let start = 0; start < peerAccounts.length; start += 8) {
    peers.push(...(await Promise.all(peerAccounts.slice(start, start + 8).map((p) => connectPeer(info, p, 'soak', { patientAcks: true })))));
  }
  const rooms = Array.from({ length: size.rooms }, (_, r) => `soak${tag}r${r}@conference.${account.domain}`);
  for (const [r, room] of rooms.entries()) {
    const owner = peers[r % peers.length] as Peer;
    await owner.sendRaw(xml('presence', { to: `${room}/${owner.jid.split('@')[0]}` }, xml('x', { xmlns: NS_MUC })));
    await owner.request(xml('iq', { type: 'set', to: room }, xml('query', { xmlns: `${NS_MUC}#owner` }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' }))));
  }
  // Never longer than 10 s: a peer's stop must not hold the report back.
  const stop = (peer: Peer): Promise<unknown> => Promise.race([peer.stop(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  return { account, peers, rooms, stop: async () => void (await Promise.all(peers.map(stop))) };
}
