import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProsodyAccount, ProsodyInfo } from './prosody.js';

/** Prosody's datamanager file-name encoding: every non-alphanumeric byte as %xx. */
const encode = (name: string): string => name.replace(/[^a-zA-Z0-9]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/**
 * Makes two accounts each other's contacts (subscription both) in Prosody's storage, as if
 * both had approved a subscription request: what a roster looks like after RFC 6121 §3.
 * For fresh accounts (it replaces their rosters), before either logs in (Prosody caches an
 * online user's roster).
 */
export function makeContacts(info: ProsodyInfo, a: ProsodyAccount, b: ProsodyAccount): void {
  for (const [owner, contact] of [[a, b], [b, a]] as const) {
    const dir = join(info.dir, 'data', encode(owner.domain), 'roster');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${encode(owner.local)}.dat`);
    const item = `["${contact.jid}"] = { subscription = "both"; name = "${contact.local}"; groups = {} };`;
    writeFileSync(file, `return {\n[false] = { version = 1 };\n${item}\n};\n`);
  }
}
