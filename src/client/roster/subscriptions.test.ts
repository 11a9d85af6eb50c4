import xml from '@xmpp/xml';
import { expect, it } from 'vitest';
import { createStore } from '../../store/create-store.js';
import { initialState } from '../../store/state.js';
import { MAX_NOTE_CHARS } from '../../xmpp/features/presence/subscription.js';
import { subscriptionRequests } from './subscriptions.js';
import type { NatterEvent } from '../../domain/events.js';

const ask = (from: string, note?: string) => xml('presence', { from, type: 'subscribe' }, ...(note === undefined ? [] : [xml('status', {}, note)]));

it('keeps at most maxPending requests, the first ones, and says once that more wait; answering makes room', () => {
  const lines: string[] = [];
  const events: unknown[] = [];
  const requests = subscriptionRequests('alice@x', { store: createStore(initialState()), consoleLine: (_kind, text) => lines.push(text), onEvent: (e) => events.push(e) }, 3);
  for (let i = 0; i < 10; i++) requests.onStanza(ask(`s${i}@x/r`));
  expect(requests.pending()).toEqual(['s0@x', 's1@x', 's2@x']);
  expect(lines.filter((l) => l.includes('asks to see your presence'))).toHaveLength(3);
  expect(lines.filter((l) => l.includes('3 requests to see your presence wait already'))).toHaveLength(1);
  expect(events).toHaveLength(3);
  requests.answer('s0@x', false);
  requests.onStanza(ask('s3@x'));
  expect(requests.pending()).toEqual(['s1@x', 's2@x', 's3@x']);
});

it(`cuts a note to ${MAX_NOTE_CHARS} characters in the console and the event`, () => {
  const lines: string[] = [];
  const events: NatterEvent[] = [];
  const requests = subscriptionRequests('alice@x', { store: createStore(initialState()), consoleLine: (_kind, text) => lines.push(text), onEvent: (e) => events.push(e) });
  requests.onStanza(ask('bob@x', 'x'.repeat(100_000)));
  expect(events[0]?.event === 'subscription' && events[0].status).toBe(`${'x'.repeat(MAX_NOTE_CHARS - 1)}…`);
  expect(lines[0]!.length).toBeLessThan(MAX_NOTE_CHARS + 150);
});
