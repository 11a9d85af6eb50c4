import xml, { type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../store/create-store.js';
import { initialState } from '../../store/state.js';
import { advertisedFeatures } from '../../xmpp/features/disco/advertised.js';
import { ownPresence, type PresenceSessionPort } from './own-presence.js';

const NS = 'urn:xmpp:invisible:0';
const info = (...features: string[]): Element => xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' }, ...features.map((f) => xml('feature', { var: f })));
const refusal = (condition: string): Error => Object.assign(new Error(condition), { name: 'StanzaError', condition });

/** A session that records what it was sent, in order; the server offers `features` and answers IQ-sets with `answer`. */
function session(features: string[] = [], answer: (iq: Element) => Promise<unknown> = async () => undefined) {
  const wire: string[] = [];
  let ready = true;
  let asked = 0;
  const port: PresenceSessionPort = {
    isReady: () => ready,
    caps: () => advertisedFeatures().caps(),
    send: async (stanza) => void wire.push(String(stanza)),
    set: async (iq) => {
      wire.push(String(iq));
      return answer(iq);
    },
    serverInfo: async () => (asked++, info(...features)),
  };
  return { port, wire, drop: () => (ready = false), back: () => (ready = true), asked: () => asked };
}

function setUp(options: Parameters<typeof ownPresence>[1]['initial'] = undefined) {
  const store = createStore(initialState(), { intervalMs: 0 });
  const lines: string[] = [];
  const remembered: unknown[] = [];
  const own = ownPresence('alice@x', {
    store,
    consoleLine: (kind, text) => void lines.push(`${kind}: ${text}`),
    ...(options ? { initial: options } : {}),
    remember: (p) => void remembered.push(p),
  });
  return { own, store, lines, remembered, view: () => store.getState().ownPresence['alice@x'] };
}

const presences = (wire: string[]): string[] => wire.filter((s) => s.startsWith('<presence')).map((s) => s.replace(/<c xmlns="http:\/\/jabber.org\/protocol\/caps"[^>]*\/>/, ''));

describe('own presence in the rooms natter is in (XEP-0045 §7.7)', () => {
  it('sends a change to each joined room as the occupant, after the presence to contacts', async () => {
    const store = createStore(initialState(), { intervalMs: 0 });
    let rooms: string[] = []; // a fresh session is in no room until it joins them again
    const own = ownPresence('alice@x', { store, consoleLine: () => undefined, occupants: () => rooms });
    const s = session();
    await own.sessionStarted(s.port);
    rooms = ['ops@conf.x/alice'];
    await own.set({ show: 'away', status: 'lunch' });
    rooms = [];
    await own.set({ show: 'dnd', status: '' });
    expect(presences(s.wire)).toEqual([
      '<presence></presence>',
      '<presence><show>away</show><status>lunch</status></presence>',
      '<presence to="ops@conf.x/alice"><show>away</show><status>lunch</status></presence>',
      '<presence><show>dnd</show></presence>',
    ]);
  });
});

describe('own presence across sessions', () => {
  it('sends the chosen presence at once, and as the initial presence of every fresh session', async () => {
    const { own, view, remembered } = setUp();
    const first = session();
    await own.sessionStarted(first.port);
    expect(presences(first.wire)).toEqual(['<presence></presence>']);
    expect(await own.set({ show: 'away', status: 'lunch' })).toBe('sent');
    expect(await own.set({ priority: 5 })).toBe('sent');
    expect(presences(first.wire).slice(1)).toEqual([
      '<presence><show>away</show><status>lunch</status></presence>',
      '<presence><show>away</show><status>lunch</status><priority>5</priority></presence>',
    ]);
    expect(view()).toEqual({ show: 'away', status: 'lunch', priority: 5, invisible: false });
    expect(remembered).toEqual([{ show: 'away', status: 'lunch', priority: 0 }, { show: 'away', status: 'lunch', priority: 5 }]);

    first.drop();
    own.sessionEnded();
    const second = session();
    await own.sessionStarted(second.port);
    expect(presences(second.wire)).toEqual(['<presence><show>away</show><status>lunch</status><priority>5</priority></presence>']);
  });

  it('keeps a change made while offline for the next login; a resumed session gets only what changed meanwhile', async () => {
    const { own } = setUp();
    const link = session();
    await own.sessionStarted(link.port);
    link.drop();
    own.sessionEnded();
    expect(await own.set({ show: 'dnd', status: '' })).toBe('later');
    expect(presences(link.wire)).toEqual(['<presence></presence>']);
    // xmpp.js says 'resumed' before it marks the session ready again (status 'online').
    await own.sessionResumed(link.port);
    link.back();
    expect(presences(link.wire)).toEqual(['<presence></presence>', '<presence><show>dnd</show></presence>']);
    // Resumed again with nothing changed: the server still holds it (XEP-0198), nothing is repeated.
    await own.sessionResumed(link.port);
    expect(presences(link.wire)).toHaveLength(2);
  });

  it('keeps a presence whose sending failed for the next session', async () => {
    const { own } = setUp();
    const link = session();
    await own.sessionStarted(link.port);
    link.port.send = () => Promise.reject(new Error('socket closed'));
    expect(await own.set({ show: 'away', status: '' })).toBe('later');
    own.sessionEnded();
    const next = session();
    await own.sessionStarted(next.port);
    expect(presences(next.wire)).toEqual(['<presence><show>away</show></presence>']);
  });

  it('sends nothing on a session that ended, even while the client says ready again before the next one starts', async () => {
    const { own } = setUp();
    const link = session();
    await own.sessionStarted(link.port);
    own.sessionEnded();
    // A fresh session is up (ready) but natter has not started it yet (it reads the block list first).
    expect(await own.set({ show: 'xa', status: '' })).toBe('later');
    expect(presences(link.wire)).toEqual(['<presence></presence>']);
    await own.sessionStarted(link.port);
    expect(presences(link.wire)).toEqual(['<presence></presence>', '<presence><show>xa</show></presence>']);
  });

  it('starts with a restored presence, shown on the status line before any login', async () => {
    const { own, view } = setUp({ show: 'xa', status: 'holiday', priority: -1 });
    expect(view()).toEqual({ show: 'xa', status: 'holiday', priority: -1, invisible: false });
    const link = session();
    await own.sessionStarted(link.port);
    expect(presences(link.wire)).toEqual(['<presence><show>xa</show><status>holiday</status><priority>-1</priority></presence>']);
  });
});

describe('invisibility (XEP-0186)', () => {
  it('where the server does not offer it: says so and sends nothing, the status line unchanged', async () => {
    const { own, view } = setUp();
    const link = session(['urn:xmpp:blocking']);
    await own.sessionStarted(link.port);
    const before = [...link.wire];
    await expect(own.setInvisible(true)).rejects.toThrow('x does not offer invisibility (XEP-0186); nothing was changed: contacts still see your presence');
    expect(link.wire).toEqual(before);
    expect(view()?.invisible).toBe(false);
    expect(own.invisible()).toBe(false);
  });

  it('where the server can not be asked: says so, nothing changes', async () => {
    const { own, view } = setUp();
    const link = session();
    link.port.serverInfo = () => Promise.reject(refusal('remote-server-timeout'));
    await own.sessionStarted(link.port);
    const before = [...link.wire];
    await expect(own.setInvisible(true)).rejects.toThrow('could not learn whether x offers invisibility (remote-server-timeout); nothing was changed');
    expect(link.wire).toEqual(before);
    expect(view()?.invisible).toBe(false);
  });

  it('where the server refuses it: says why, nothing changes', async () => {
    const { own, view } = setUp();
    const link = session([NS], async () => Promise.reject(refusal('not-allowed')));
    await own.sessionStarted(link.port);
    await expect(own.setInvisible(true)).rejects.toThrow('x refused to make alice@x invisible (not-allowed)');
    expect(view()?.invisible).toBe(false);
  });

  it('asks the server once a session, goes invisible and visible again with presence sent anew', async () => {
    const { own, view } = setUp();
    const link = session([NS]);
    await own.sessionStarted(link.port);
    expect(await own.setInvisible(true)).toBe('done');
    expect(view()?.invisible).toBe(true);
    expect(await own.setInvisible(true)).toBe('already');
    expect(link.asked()).toBe(1);
    await own.set({ show: 'away', status: '' });
    expect(await own.setInvisible(false)).toBe('done');
    expect(view()?.invisible).toBe(false);
    expect(link.wire.slice(1).map((s) => s.replace(/<c [^>]*\/>/, ''))).toEqual([
      `<iq type="set"><invisible xmlns="${NS}"/></iq>`,
      '<presence><show>away</show></presence>',
      `<iq type="set"><visible xmlns="${NS}"/></iq>`,
      '<presence><show>away</show></presence>',
    ]);
  });

  it('makes each new session invisible before its initial presence (it lasts one session only)', async () => {
    const { own } = setUp();
    const first = session([NS]);
    await own.sessionStarted(first.port);
    await own.setInvisible(true);
    first.drop();
    own.sessionEnded();
    const second = session([NS]);
    await own.sessionStarted(second.port);
    expect(second.wire.map((s) => s.replace(/<c [^>]*\/>/, ''))).toEqual([`<iq type="set"><invisible xmlns="${NS}"/></iq>`, '<presence></presence>']);
  });

  it('sends nothing typed while a new session is being made invisible before the server agreed', async () => {
    const { own } = setUp();
    const first = session([NS]);
    await own.sessionStarted(first.port);
    await own.setInvisible(true);
    first.drop();
    own.sessionEnded();
    let agree: () => void = () => undefined;
    const second = session([NS], (iq) => (iq.getChild('invisible') ? new Promise<void>((resolve) => (agree = resolve)) : Promise.resolve()));
    const starting = own.sessionStarted(second.port);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await own.set({ show: 'dnd', status: 'meeting' })).toBe('withheld');
    expect(presences(second.wire)).toEqual([]);
    agree();
    await starting;
    expect(second.wire.map((s) => s.replace(/<c [^>]*\/>/, ''))).toEqual([`<iq type="set"><invisible xmlns="${NS}"/></iq>`, '<presence><show>dnd</show><status>meeting</status></presence>']);
  });

  it('sends no presence at all when a new session can not be made invisible, until /visible', async () => {
    const { own, view, lines } = setUp();
    const first = session([NS]);
    await own.sessionStarted(first.port);
    await own.setInvisible(true);
    first.drop();
    own.sessionEnded();
    const second = session([]);
    await own.sessionStarted(second.port);
    expect(second.wire).toEqual([]);
    expect(view()?.invisible).toBe(true);
    expect(lines).toEqual(['error: x does not offer invisibility (XEP-0186): natter sent no presence, so contacts do not see you (nor you them); /visible to show yourself']);
    expect(await own.set({ show: 'dnd', status: '' })).toBe('withheld');
    expect(second.wire).toEqual([]);
    // Visible again: no <visible/> (the server never made it invisible), the presence as chosen.
    expect(await own.setInvisible(false)).toBe('done');
    expect(second.wire.map((s) => s.replace(/<c [^>]*\/>/, ''))).toEqual(['<presence><show>dnd</show></presence>']);
  });

  it('stays invisible, saying so, when the server refuses to make it visible again', async () => {
    const { own, view } = setUp();
    const link = session([NS], async (iq) => (iq.getChild('visible') ? Promise.reject(refusal('internal-server-error')) : undefined));
    await own.sessionStarted(link.port);
    await own.setInvisible(true);
    await expect(own.setInvisible(false)).rejects.toThrow('x refused to make alice@x visible (internal-server-error); you stay invisible');
    expect(view()?.invisible).toBe(true);
    expect(presences(link.wire)).toHaveLength(1);
  });

  it('refuses /invisible offline: only the server can say whether it offers it', async () => {
    const { own } = setUp();
    await expect(own.setInvisible(true)).rejects.toThrow('alice@x is offline; /invisible once it is connected');
    expect(await own.setInvisible(false)).toBe('already');
  });
});

describe('auto-away (XEP-0319 idle)', () => {
  const since = Date.UTC(2026, 11, 7, 15, 3, 20, 450);
  it('sends away with the time of the last key and the away message, and the chosen presence again on return', async () => {
    const { own, view, remembered } = setUp();
    const link = session();
    await own.sessionStarted(link.port);
    await own.set({ show: 'online', status: 'working' });
    await own.idle({ show: 'away', since, message: 'idle' });
    expect(view()).toEqual({ show: 'away', status: 'idle', priority: 0, invisible: false, auto: true });
    await own.idle({ show: 'xa', since, message: '' });
    await own.idle(undefined);
    expect(presences(link.wire).slice(2)).toEqual([
      '<presence><show>away</show><status>idle</status><idle xmlns="urn:xmpp:idle:1" since="2026-12-07T15:03:20Z"/></presence>',
      '<presence><show>xa</show><status>working</status><idle xmlns="urn:xmpp:idle:1" since="2026-12-07T15:03:20Z"/></presence>',
      '<presence><status>working</status></presence>',
    ]);
    expect(view()).toEqual({ show: 'online', status: 'working', priority: 0, invisible: false });
    // Not the user's choice: never kept as the last presence.
    expect(remembered).toEqual([{ show: 'online', status: 'working', priority: 0 }]);
  });

  it('never overrides a busy the user chose, and only xa over their own away', async () => {
    const { own } = setUp();
    const link = session();
    await own.sessionStarted(link.port);
    await own.set({ show: 'dnd', status: '' });
    await own.idle({ show: 'away', since, message: 'idle' });
    await own.idle({ show: 'xa', since, message: 'idle' });
    await own.idle(undefined);
    await own.set({ show: 'away', status: 'lunch' });
    await own.idle({ show: 'away', since, message: 'idle' });
    await own.idle({ show: 'xa', since, message: '' });
    expect(presences(link.wire).slice(1).map((p) => p.replace(/ since="[^"]*"/, ''))).toEqual([
      '<presence><show>dnd</show></presence>',
      '<presence><show>away</show><status>lunch</status></presence>',
      '<presence><show>xa</show><status>lunch</status><idle xmlns="urn:xmpp:idle:1"/></presence>',
    ]);
  });
});
