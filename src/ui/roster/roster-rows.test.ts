import { describe, expect, it } from 'vitest';
import type { Contact } from '../../store/state.js';
import { rosterRows } from './roster-rows.js';

const c = (jid: string, presence: Contact['presence'], groups: string[] = [], account = 'me@x'): Contact => ({ jid, name: jid.split('@')[0] ?? jid, presence, groups, account });
const text = (rows: ReturnType<typeof rosterRows>) =>
  rows.map((r) => (r.kind === 'account' ? `# ${r.text}` : r.kind === 'group' ? `${r.collapsed ? '+' : '-'} ${r.name} ${r.online}/${r.total}` : `  ${r.contact.name}${r.unread ? ` (${r.unread})` : ''}`));

describe('rosterRows', () => {
  const contacts = [c('zoe@x', 'online', ['work']), c('amy@x', 'offline', ['work']), c('bob@x', 'away', ['friends', 'work']), c('dan@x', 'online')];

  it('groups contacts, sorts by presence then name, counts online, ends with the ungrouped', () => {
    expect(text(rosterRows(contacts, { unread: new Map([['dan@x', 3]]) }))).toEqual([
      '- friends 1/1', '  bob',
      '- work 2/3', '  zoe', '  bob', '  amy',
      '- Contacts 1/1', '  dan (3)',
    ]);
  });

  it('collapses a group to its header, filters by name or JID, and heads each account when there are several', () => {
    expect(text(rosterRows(contacts, { collapsed: new Set(['work']) }))).toEqual(['- friends 1/1', '  bob', '+ work 2/3', '- Contacts 1/1', '  dan']);
    expect(text(rosterRows(contacts, { filter: 'ZO', collapsed: new Set(['work']) }))).toEqual(['- work 1/1', '  zoe']);
    expect(text(rosterRows([c('a@x', 'online', [], 'one@x'), c('b@x', 'online', [], 'two@x')]))).toEqual([
      '# one@x', '- Contacts 1/1', '  a', '# two@x', '- Contacts 1/1', '  b',
    ]);
  });

  it('keeps every contact of a 2,000-contact roster (the pane shows a window of rows)', () => {
    const many = Array.from({ length: 2000 }, (_, i) => c(`contact${i}@x`, i % 7 ? 'offline' : 'online', [`g${i % 10}`]));
    expect(rosterRows(many)).toHaveLength(2010);
  });
});
