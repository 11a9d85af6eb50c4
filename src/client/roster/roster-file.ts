import { bareJid } from '../../domain/jid.js';
import { rosterTextProblem, type RosterItem } from '../../domain/roster.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import type { RosterItemEdit } from '../../xmpp/features/roster/build.js';

/**
 * natter's roster file: UTF-8 text, one contact a line, its fields separated by tabs:
 *
 *     JID<TAB>NAME<TAB>GROUP<TAB>GROUP…
 *
 * NAME may be empty (no name); there may be no groups. Blank lines and lines starting with "#"
 * are ignored. Subscriptions are not in it: they are agreed with each contact, not kept.
 */
export const ROSTER_FILE_HEADER = [
  '# natter roster: one contact a line, fields separated by tabs: JID, name (may be empty), then its groups.',
  '# Blank lines and lines starting with # are ignored. Import it with /roster import FILE.',
];

/** Contacts an imported file may hold at most, and its size: a roster file, not a dump of anything. */
export const MAX_IMPORTED_CONTACTS = 5000;
export const MAX_ROSTER_FILE_BYTES = 4 * 1024 * 1024;

/**
 * The roster as a file. Names and groups come from the network: written as they would be shown
 * (sanitizeLine: no control or direction characters, tabs and newlines made spaces), so each
 * stays one field of one line.
 */
export function formatRosterFile(items: readonly RosterItem[]): string {
  const field = (text: string): string => sanitizeLine(text).trim();
  const lines = [...items]
    .sort((a, b) => a.jid.localeCompare(b.jid))
    .map((item) => [item.jid, field(item.name ?? ''), ...item.groups.map(field).filter((g) => g !== '')].join('\t'));
  return `${[...ROSTER_FILE_HEADER, ...lines].join('\n')}\n`;
}

/** The contacts of a roster file, or the first line that is not one (numbered from 1) and why. */
export function parseRosterFile(text: string): { ok: true; items: RosterItemEdit[] } | { ok: false; error: string } {
  const items = new Map<string, RosterItemEdit>();
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const problem = (why: string) => ({ ok: false as const, error: `line ${index + 1}: ${why}` });
    const [written = '', name = '', ...groups] = line.split('\t').map((f) => f.trim());
    const jid = bareJid(written);
    if (!jid.includes('@') || written.includes('/')) return problem(`"${sanitizeLine(written).slice(0, 80)}" is not a JID (name@server); fields are separated by tabs`);
    if (items.has(jid)) return problem(`${jid} is listed twice`);
    const wrong = (name === '' ? undefined : rosterTextProblem('name', name)) ?? groups.filter((g) => g !== '').map((g) => rosterTextProblem('group', g)).find((p) => p !== undefined);
    if (wrong) return problem(wrong);
    if (items.size >= MAX_IMPORTED_CONTACTS) return problem(`more than ${MAX_IMPORTED_CONTACTS} contacts; split the file`);
    items.set(jid, { jid, groups: [...new Set(groups.filter((g) => g !== ''))], ...(name === '' ? {} : { name }) });
  }
  return { ok: true, items: [...items.values()] };
}
