import { describe, expect, it } from 'vitest';
import { initialState } from '../store/state.js';
import { createRegistry } from './builtin/index.js';
import { completeLine } from './complete.js';
import type { CommandContext } from './types.js';
import { fakeApi } from './fake-api.js';

const registry = createRegistry();
const state = { ...initialState(), roster: [{ jid: 'bob@example.org', name: 'Bob', presence: 'online' as const }, { jid: 'bobby@example.org', name: 'B', presence: 'online' as const }] };
const ctx: CommandContext = { state: () => state, registry, api: fakeApi() };

describe('completeLine', () => {
  it('completes a unique command name with a trailing space', () => {
    expect(completeLine(registry, ctx, '/qu', 3)).toEqual({ text: '/quit ', cursor: 6, candidates: ['/quit'] });
  });

  it('completes arguments through the command, to the common prefix when ambiguous', () => {
    expect(completeLine(registry, ctx, '/msg bo', 7)).toEqual({
      text: '/msg bob',
      cursor: 8,
      candidates: ['bob@example.org', 'bobby@example.org'],
    });
    expect(completeLine(registry, ctx, '/help ms', 8)?.text).toBe('/help msg ');
  });

  it('keeps the text after the cursor', () => {
    expect(completeLine(registry, ctx, '/cl tail', 3)).toEqual({ text: '/close  tail', cursor: 7, candidates: ['/close'] });
  });

  it('returns nothing for plain text or no match', () => {
    expect(completeLine(registry, ctx, 'hello', 5)).toBeUndefined();
    expect(completeLine(registry, ctx, '/zz', 3)).toBeUndefined();
  });

  it('inserts candidates as shown: control and bidi characters from the network never reach the line', () => {
    const hostile: CommandContext = { state: () => state, registry, api: fakeApi({ subscriptionRequests: () => ['mal\u009b38;5;201m\u202eory@evil.example'] }) };
    expect(completeLine(registry, hostile, '/accept ', 8)).toEqual({ text: '/accept malory@evil.example ', cursor: 28, candidates: ['malory@evil.example'] });
  });
});
