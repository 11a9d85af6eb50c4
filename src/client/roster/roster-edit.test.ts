import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { RosterItem } from '../../domain/roster.js';
import type { RosterItemEdit } from '../../xmpp/features/roster/build.js';
import { buildRosterRemove, buildRosterSet } from '../../xmpp/features/roster/build.js';
import { editRoster, type RosterEditPort } from './roster-edit.js';

/** A session's roster as the server holds it, recording what natter sends. */
function port(items: RosterItem[], options: { preApproval?: boolean; pending?: string[]; refuse?: Error } = {}) {
  const sets: Array<RosterItemEdit | { removed: string }> = [];
  const presences: string[] = [];
  const pending = new Set(options.pending ?? []);
  const roster = new Map(items.map((i) => [i.jid, i]));
  const p: RosterEditPort = {
    account: 'alice@x',
    item: (jid) => roster.get(jid),
    items: () => [...roster.values()],
    set: async (item) => {
      if (options.refuse) throw options.refuse;
      sets.push(item);
    },
    remove: async (jid) => void sets.push({ removed: jid }),
    send: async (stanza: Element) => void presences.push(`${String(stanza.attrs.type)} ${String(stanza.attrs.to)}`),
    preApproval: () => options.preApproval === true,
    pending: () => [...pending],
    answered: (jid) => void pending.delete(jid),
  };
  return { port: p, sets, presences, pending };
}

const bob: RosterItem = { jid: 'bob@x', name: 'Bob', subscription: 'both', groups: ['work', 'friends'] };
const dan: RosterItem = { jid: 'dan@x', subscription: 'none', groups: ['work'] };

describe('editRoster (RFC 6121)', () => {
  it('adds: the item, a subscribe, and a pre-approval where the server offers it', async () => {
    const s = port([], { preApproval: true });
    expect(await editRoster(s.port, { kind: 'add', jid: 'carol@x', name: 'Carol', groups: ['Friends'] })).toBe(
      'added carol@x to alice@x\'s roster as "Carol" in "Friends"; asked to see their presence; they may see yours as soon as they ask (pre-approved)',
    );
    expect(s.sets).toEqual([{ jid: 'carol@x', name: 'Carol', groups: ['Friends'] }]);
    expect(s.presences).toEqual(['subscribe carol@x', 'subscribed carol@x']);
  });

  it('adds without pre-approval: says so and sends no subscribed; answers a request that waits instead', async () => {
    const s = port([]);
    expect(await editRoster(s.port, { kind: 'add', jid: 'carol@x', groups: [] })).toContain('your server does not offer pre-approval, so when they ask to see yours, /accept carol@x');
    expect(s.presences).toEqual(['subscribe carol@x']);
    const asked = port([], { pending: ['carol@x'] });
    expect(await editRoster(asked.port, { kind: 'add', jid: 'carol@x', groups: [] })).toContain('they asked to see yours and now may');
    expect(asked.presences).toEqual(['subscribe carol@x', 'subscribed carol@x']);
    expect(asked.pending.size).toBe(0);
  });

  it('removes, renames (keeping the groups), regroups and renames a group, contact by contact', async () => {
    const s = port([bob, dan]);
    await editRoster(s.port, { kind: 'remove', jid: 'bob@x' });
    await editRoster(s.port, { kind: 'rename', jid: 'bob@x', name: 'Robert' });
    await editRoster(s.port, { kind: 'group-add', jid: 'dan@x', group: 'golf' });
    await editRoster(s.port, { kind: 'group-remove', jid: 'bob@x', group: 'work' });
    expect(await editRoster(s.port, { kind: 'group-rename', from: 'work', to: 'office' })).toBe('renamed group "work" to "office" (2 contacts)');
    expect(s.sets).toEqual([
      { removed: 'bob@x' },
      { jid: 'bob@x', name: 'Robert', groups: ['work', 'friends'] },
      { jid: 'dan@x', groups: ['work', 'golf'] },
      { jid: 'bob@x', name: 'Bob', groups: ['friends'] },
      { jid: 'bob@x', name: 'Bob', groups: ['office', 'friends'] },
      { jid: 'dan@x', groups: ['office'] },
    ]);
    expect(s.presences).toEqual([]);
  });

  it.each([
    [{ kind: 'remove', jid: 'zed@x' }, "zed@x is not in alice@x's roster; /roster add zed@x first"],
    [{ kind: 'rename', jid: 'alice@x', name: 'me' }, 'alice@x is your own account: it is not kept in your roster'],
    [{ kind: 'group-remove', jid: 'dan@x', group: 'golf' }, 'dan@x is not in group "golf"; its groups: "work"'],
    [{ kind: 'group-rename', from: 'golf', to: 'x' }, 'no contact of alice@x is in group "golf"'],
    [{ kind: 'unsubscribe', jid: 'dan@x' }, "you do not see dan@x's presence, nor asked to; nothing to cancel"],
    [{ kind: 'approve', jid: 'dan@x' }, 'your server does not offer pre-approval (RFC 6121 §3.4), so dan@x can not be let in before asking; when they ask, /accept dan@x'],
  ] as const)('%j is refused, nothing sent', async (edit, error) => {
    const s = port([bob, dan]);
    await expect(editRoster(s.port, edit)).rejects.toThrow(error);
    expect([...s.sets, ...s.presences]).toEqual([]);
  });

  it('pre-approves where offered; subscribe and unsubscribe send their presence', async () => {
    const s = port([bob, dan], { preApproval: true });
    expect(await editRoster(s.port, { kind: 'approve', jid: 'dan@x' })).toBe('pre-approved dan@x: when they ask to see your presence, your server lets them at once');
    expect(await editRoster(s.port, { kind: 'approve', jid: 'bob@x' })).toBe('bob@x sees your presence already');
    await editRoster(s.port, { kind: 'subscribe', jid: 'dan@x' });
    await editRoster(s.port, { kind: 'unsubscribe', jid: 'bob@x' });
    expect(s.presences).toEqual(['subscribed dan@x', 'subscribe dan@x', 'unsubscribe bob@x']);
  });

  it('builds the roster sets of §2.3 and §2.5', () => {
    expect(buildRosterSet({ jid: 'bob@x', name: 'Bob', groups: ['a', 'a', 'b'] }).toString()).toBe(
      '<query xmlns="jabber:iq:roster"><item jid="bob@x" name="Bob"><group>a</group><group>b</group></item></query>',
    );
    expect(buildRosterRemove('bob@x').toString()).toBe('<query xmlns="jabber:iq:roster"><item jid="bob@x" subscription="remove"/></query>');
  });
});

it('offline, a change is refused with how to connect, and nothing is sent', async () => {
  const { editRosterOn } = await import('./session-roster.js');
  const requests = { pending: () => [], forget: () => undefined };
  await expect(editRosterOn('alice@x', undefined, requests, { kind: 'remove', jid: 'bob@x' })).rejects.toThrow('alice@x is offline; its roster can be changed once it is connected (/connect alice@x)');
});
