import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { MessageHistory } from '../../history/message-history.js';
import { openHistoryDatabase } from '../../history/open-history.js';
import { createStore } from '../../store/create-store.js';
import { initialState } from '../../store/state.js';
import { disclosurePolicy } from './may-tell.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

it('tells contacts of this account and people it wrote to, nobody else; learns new contacts and new writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'natter-tell-'));
  dirs.push(dir);
  const history = new MessageHistory(openHistoryDatabase(dir));
  const store = createStore(initialState());
  store.dispatch({ type: 'roster/set', account: 'alice@x', contacts: [{ jid: 'bob@x', name: 'bob', presence: 'online', account: 'alice@x' }] });
  store.dispatch({ type: 'roster/set', account: 'other@x', contacts: [{ jid: 'eve@x', name: 'eve', presence: 'online', account: 'other@x' }] });
  history.add({ account: 'alice@x', peer: 'carol@x', direction: 'out', body: 'hi', at: 1 });
  const policy = disclosurePolicy('alice@x', store, history);
  expect(['bob@x', 'carol@x', 'eve@x', 'mallory@x'].map(policy.mayTell)).toEqual([true, true, false, false]);
  // Contacts only (last activity): not whom the account merely wrote to, nor another account's.
  expect(['bob@x', 'carol@x', 'eve@x', 'mallory@x'].map(policy.isContact)).toEqual([true, false, false, false]);

  store.dispatch({ type: 'roster/upsert', account: 'alice@x', contact: { jid: 'dave@x', name: 'dave', presence: 'offline', account: 'alice@x' } });
  expect(policy.mayTell('dave@x')).toBe(true);
  // A stranger answered once is remembered as a stranger until the account writes to them.
  policy.wroteTo('mallory@x');
  expect(policy.mayTell('mallory@x')).toBe(true);
  history.close();
});

it('answers queries from the account, its server (or no from), rooms it is in and whom it may tell; nobody else', () => {
  const dir = mkdtempSync(join(tmpdir(), 'natter-tell-'));
  dirs.push(dir);
  const history = new MessageHistory(openHistoryDatabase(dir));
  const store = createStore(initialState());
  store.dispatch({ type: 'roster/set', account: 'alice@x', contacts: [{ jid: 'bob@x', name: 'bob', presence: 'online', account: 'alice@x' }] });
  const policy = disclosurePolicy('alice@x', store, history);
  const isRoom = (jid: string): boolean => jid === 'ops@rooms.x';
  const asked = [undefined, 'x', 'alice@x/phone', 'alice@x', 'bob@x/laptop', 'ops@rooms.x/carol', 'mallory@x/r', 'other.x', 'not a jid'];
  expect(asked.map((from) => policy.mayAnswerQuery(from, isRoom))).toEqual([true, true, true, true, true, true, false, false, false]);
  history.close();
});
