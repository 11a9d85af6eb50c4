import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProsodyAccount, ProsodyInfo } from './prosody.js';

/** Prosody's datamanager file-name encoding: every non-alphanumeric byte as %xx. */
const encode = (name: string): string => name.replace(/[^a-zA-Z0-9]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/**
 * Makes `a` and each of `others` each other's contacts (subscription both) in Prosody's
 * storage, as if both had approved a subscription request: what a roster looks like after
 * RFC 6121 §3. For fresh accounts (it replaces their rosters), before any logs in (Prosody
 * caches an online user's roster).
 */
export function makeContacts(info: ProsodyInfo, a: ProsodyAccount, ...others: ProsodyAccount[]): void {
  writeRoster(info, a, others);
  for (const other of others) writeRoster(info, other, [a]);
}

function writeRoster(info: ProsodyInfo, owner: ProsodyAccount, contacts: readonly ProsodyAccount[]): void {
  const dir = join(info.dir, 'data', encode(owner.domain), 'roster');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${encode(owner.local)}.dat`);
  const items = contacts.map((contact) => `["${contact.jid}"] = { subscription = "both"; name = "${contact.local}"; groups = {} };`);
  writeFileSync(file, `return {\n[false] = { version = 1 };\n${items.join('\n')}\n};\n`);
}
