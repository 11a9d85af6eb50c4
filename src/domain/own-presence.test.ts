import { expect, it } from 'vitest';
import { describeOwnPresence } from './own-presence.js';

it('describes the chosen presence for the status line: nothing for plain online, the message inert', () => {
  expect(describeOwnPresence({ show: 'online', priority: 0, invisible: false })).toBe('');
  expect(describeOwnPresence({ show: 'away', status: 'lunch', priority: 0, invisible: false })).toBe('away: lunch');
  expect(describeOwnPresence({ show: 'online', status: 'here', priority: -1, invisible: false })).toBe('online: here · priority -1');
  expect(describeOwnPresence({ show: 'dnd', priority: 0, invisible: true })).toBe('invisible · dnd');
  expect(describeOwnPresence({ show: 'away', status: 'auto', priority: 0, invisible: false, auto: true })).toBe('away (idle): auto');
  expect(describeOwnPresence({ show: 'xa', status: 'a\u001b[2Jb\u202e\nc', priority: 0, invisible: false })).toBe('xa: ab c');
});
