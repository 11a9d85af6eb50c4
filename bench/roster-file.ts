import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const contactName = (i: number): string => `contact${String(i).padStart(4, '0')}`;

/**
 * Writes the account's roster straight into Prosody's internal storage (before it logs in):
 * `count` contacts, subscription none, one group. 2,000 roster IQs would take longer than
 * what is measured.
 */
export function writeRoster(prosodyDir: string, domain: string, local: string, count: number): void {
  if (!/^[a-z0-9]+$/.test(local)) throw new Error('bench account names are alphanumeric (Prosody escapes other characters in file names)');
  const dir = join(prosodyDir, 'data', domain.replaceAll('.', '%2e'), 'roster');
  mkdirSync(dir, { recursive: true });
  const items = Array.from({ length: count }, (_, i) => `["${contactName(i)}@${domain}"] = { subscription = "none"; name = "${contactName(i)}"; groups = { ["bench"] = true } };`);
  writeFileSync(join(dir, `${local}.dat`), `return {\n[false] = { version = 1 };\n${items.join('\n')}\n};\n`);
}
