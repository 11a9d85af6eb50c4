import { describe, expect, it } from 'vitest';
import { CONSOLE_TAB_ID } from '../domain/tab.js';
import type { Action } from './actions.js';
import { createStore } from './create-store.js';
import { safeAction } from './safe-action.js';
import { initialState } from './state.js';

const OSC52 = '\u001b]52;c;aGk=\u0007';

describe('the store sanitizes what it is given to show', () => {
  it('a line appended with escape sequences, C1 controls and bidi overrides is stored inert', () => {
    const store = createStore(initialState(), { intervalMs: 0 });
    store.dispatch({ type: 'line/append', tabId: CONSOLE_TAB_ID, kind: 'error', text: `cert ${OSC52}\u009d0;t\u009c\u202eevil`, from: `x${OSC52}\ny` });
    const line = store.getState().lines[CONSOLE_TAB_ID]!.at(-1)!;
    expect(line.text).toBe('cert evil');
    expect(line.from).toBe('x y');
  });

  it('a failed connection reason, a prompt, a tab title, a contact and a room subject too', () => {
    const dirty = `a${OSC52}b\u202e`;
    const actions: Action[] = [
      { type: 'connection/state', account: 'a@b', state: { kind: 'failed', reason: dirty } },
      { type: 'prompt/set', prompt: { label: dirty, masked: false } },
      { type: 'tab/open', id: 'chat:x@y', kind: 'chat', title: dirty, focus: false },
      { type: 'roster/upsert', account: 'a@b', contact: { jid: 'x@y', name: dirty, presence: 'online', status: dirty, groups: [dirty] } },
      { type: 'room/update', room: 'r@c', patch: { subject: dirty } },
      { type: 'presence/own', account: 'a@b', presence: { show: 'away', status: dirty, priority: 0, invisible: false } },
    ];
    for (const action of actions) for (const c of ['\u001b', '\u0007', '\u202e']) expect(JSON.stringify(safeAction(action))).not.toContain(JSON.stringify(c).slice(1, -1));
  });

  it('hands a clean action on as it is (no copy per message in a flood)', () => {
    const action: Action = { type: 'line/append', tabId: CONSOLE_TAB_ID, kind: 'incoming', text: 'hello\nthere', from: 'bob@x' };
    expect(safeAction(action)).toBe(action);
  });
});

describe('pictures on lines', () => {
  it('keeps a well-formed picture and drops one that is not (wrong size, too large, not colours)', () => {
    const store = createStore(initialState(), { intervalMs: 0 });
    const append = (picture: unknown) => store.dispatch({ type: 'line/append', tabId: CONSOLE_TAB_ID, kind: 'info', text: 'avatar:', picture: picture as never });
    append({ width: 1, height: 2, pixels: [0xff0000, -1] });
    expect(store.getState().lines[CONSOLE_TAB_ID]!.at(-1)!.picture).toEqual({ width: 1, height: 2, pixels: [0xff0000, -1] });
    for (const bad of [{ width: 2, height: 2, pixels: [1] }, { width: 100, height: 1, pixels: Array(100).fill(0) }, { width: 1, height: 1, pixels: ['\u001b[2J'] }, { width: 1, height: 1, pixels: [0x1000000] }]) {
      append(bad);
      expect(store.getState().lines[CONSOLE_TAB_ID]!.at(-1)!.picture).toBeUndefined();
    }
  });
});
