import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RosterItem } from '../../domain/roster.js';
import { formatRosterFile, MAX_IMPORTED_CONTACTS, parseRosterFile } from './roster-file.js';
import { exportRoster, importRoster } from './roster-file-io.js';
import type { RosterEditPort } from './roster-edit.js';

const bob: RosterItem = { jid: 'bob@x', name: 'Bob Smith', subscription: 'both', groups: ['work', 'book club'] };
const eve: RosterItem = { jid: 'eve@x', name: 'Eve\u001b[31m\tred\u202e', subscription: 'none', groups: ['a\nb'] };
const dan: RosterItem = { jid: 'dan@x', subscription: 'to', groups: [] };

describe('the roster file', () => {
  it('is one contact a line, tab-separated, hostile names made inert, and reads back', () => {
    const text = formatRosterFile([eve, bob, dan]);
    expect(text.split('\n').filter((l) => !l.startsWith('#'))).toEqual(['bob@x\tBob Smith\twork\tbook club', 'dan@x\t', 'eve@x\tEve red\ta b', '']);
    expect(parseRosterFile(text)).toEqual({
      ok: true,
      items: [{ jid: 'bob@x', name: 'Bob Smith', groups: ['work', 'book club'] }, { jid: 'dan@x', groups: [] }, { jid: 'eve@x', name: 'Eve red', groups: ['a b'] }],
    });
  });

  it.each([
    ['bob@x\tBob\n\nbob\tB', 'line 3: "bob" is not a JID (name@server); fields are separated by tabs'],
    ['bob@x Bob Smith', 'line 1: "bob@x Bob Smith" is not a JID (name@server); fields are separated by tabs'],
    ['bob@x/phone\tB', 'line 1: "bob@x/phone" is not a JID (name@server); fields are separated by tabs'],
    ['# c\nbob@x\tB\nBob@X\tC', 'line 3: bob@x is listed twice'],
    ['bob@x\tB\u0007', 'line 1: the name holds control or direction characters'],
    [`bob@x\t\t${'g'.repeat(1024)}`, 'line 1: the group is longer than 1023 characters'],
    [Array.from({ length: MAX_IMPORTED_CONTACTS + 1 }, (_, i) => `c${i}@x`).join('\n'), `line ${MAX_IMPORTED_CONTACTS + 1}: more than ${MAX_IMPORTED_CONTACTS} contacts; split the file`],
  ])('refuses %j with the line', (text, error) => {
    expect(parseRosterFile(text)).toEqual({ ok: false, error });
  });
});

describe('export and import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'natter-roster-file-'));
  const port = (items: RosterItem[]) => {
    const sets: unknown[] = [];
    const sent: string[] = [];
    const p: RosterEditPort = {
      account: 'alice@x', item: (jid) => items.find((i) => i.jid === jid), items: () => items,
      set: async (item) => void sets.push(item), remove: async () => undefined,
      send: async (stanza) => void sent.push(`${String(stanza.attrs.type)} ${String(stanza.attrs.to)}`),
      preApproval: () => false, pending: () => [], answered: () => undefined,
    };
    return { p, sets, sent };
  };

  it('exports to a new file only (mode 600), and imports what changed, asking with --subscribe', async () => {
    const file = join(dir, 'roster.txt');
    expect(await exportRoster(port([bob, dan]).p, file)).toBe(`wrote 2 contacts of alice@x to ${file}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await expect(exportRoster(port([bob]).p, file)).rejects.toThrow(`${file} exists already; name a new file (natter does not write over one)`);
    expect(readFileSync(file, 'utf8')).toContain('dan@x');
    const target = port([{ ...bob, subscription: 'none' }]);
    expect(await importRoster(target.p, file, true)).toBe(`imported ${file}: 1 contact added or changed, 1 as they were; asked 2 to see their presence`);
    expect(target.sets).toEqual([{ jid: 'dan@x', groups: [] }]);
    expect(target.sent).toEqual(['subscribe bob@x', 'subscribe dan@x']);
  });

  it('refuses a file with a bad line, naming it, and changes nothing', async () => {
    const file = join(dir, 'bad.txt');
    writeFileSync(file, 'carol@x\tCarol\nnot-a-jid\tX\n');
    const target = port([]);
    await expect(importRoster(target.p, file, true)).rejects.toThrow(`${file} was not imported, nothing changed: line 2: "not-a-jid" is not a JID (name@server); fields are separated by tabs`);
    expect([...target.sets, ...target.sent]).toEqual([]);
    await expect(importRoster(target.p, join(dir, 'none.txt'), false)).rejects.toThrow(`could not read ${join(dir, 'none.txt')} (ENOENT)`);
  });
});
