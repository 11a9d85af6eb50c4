import { open, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import type { RosterItem } from '../../domain/roster.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { buildSubscriptionPresence } from '../../xmpp/features/presence/subscription.js';
import type { RosterItemEdit } from '../../xmpp/features/roster/build.js';
import { formatRosterFile, MAX_ROSTER_FILE_BYTES, parseRosterFile } from './roster-file.js';
import type { RosterEditPort } from './roster-edit.js';

const expand = (path: string): string => path.replace(/^~(?=\/|$)/, homedir());
const shown = (path: string): string => sanitizeLine(path);
const reason = (error: unknown): string => sanitizeLine((error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error)));

/** Writes the roster to a new file (never over one: nothing is lost), readable by the user only. */
export async function exportRoster(port: Pick<RosterEditPort, 'account' | 'items'>, path: string): Promise<string> {
  const items = port.items();
  const file = await open(expand(path), 'wx', 0o600).catch((error: unknown) => {
    if ((error as { code?: string }).code === 'EEXIST') throw new Error(`${shown(path)} exists already; name a new file (natter does not write over one)`);
    throw new Error(`could not write ${shown(path)} (${reason(error)})`);
  });
  try {
    await file.writeFile(formatRosterFile(items), 'utf8');
  } finally {
    await file.close();
  }
  return `wrote ${items.length} contact${items.length === 1 ? '' : 's'} of ${port.account} to ${shown(path)}`;
}

const sameItem = (item: RosterItem | undefined, edit: RosterItemEdit): boolean =>
  item !== undefined && item.name === edit.name && item.groups.length === edit.groups.length && edit.groups.every((g) => item.groups.includes(g));

/**
 * Puts each contact of a roster file in the roster (its name and groups as the file says; contacts
 * not in the file stay as they are). The whole file is read and checked first: one line that is
 * not a contact refuses the file, with its number, and nothing changes. With `subscribe`, asks to
 * see the presence of each whose presence the account does not see yet.
 */
export async function importRoster(port: RosterEditPort, path: string, subscribe: boolean): Promise<string> {
  const size = await stat(expand(path)).then((s) => s.size, (error: unknown) => {
    throw new Error(`could not read ${shown(path)} (${reason(error)})`);
  });
  if (size > MAX_ROSTER_FILE_BYTES) throw new Error(`${shown(path)} is larger than ${MAX_ROSTER_FILE_BYTES / 1024 / 1024} MiB: not a roster file`);
  const parsed = parseRosterFile(await readFile(expand(path), 'utf8'));
  if (!parsed.ok) throw new Error(`${shown(path)} was not imported, nothing changed: ${parsed.error}`);
  const items = parsed.items.filter((item) => item.jid !== port.account);
  let changed = 0;
  let asked = 0;
  for (const item of items) {
    const before = port.item(item.jid);
    try {
      if (!sameItem(before, item)) {
        await port.set(item);
        changed++;
      }
      if (subscribe && before?.subscription !== 'to' && before?.subscription !== 'both' && before?.ask !== 'subscribe') {
        await port.send(buildSubscriptionPresence(item.jid, 'subscribe'));
        asked++;
      }
    } catch (error) {
      const condition = (error as { condition?: unknown }).condition;
      const why = typeof condition === 'string' ? `the server refused ${item.jid} (${sanitizeLine(condition).slice(0, 40)})` : `${reason(error)} at ${item.jid}`;
      throw new Error(`${why}; ${changed} of ${items.length} contacts were imported before that, the rest not`);
    }
  }
  const unchanged = items.length - changed;
  return `imported ${shown(path)}: ${changed} contact${changed === 1 ? '' : 's'} added or changed, ${unchanged} as they were` + (subscribe ? `; asked ${asked} to see their presence` : '');
}
