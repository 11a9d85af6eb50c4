import { expect, it } from 'vitest';
import { initialState } from '../../store/state.js';
import { completeLine } from '../complete.js';
import { fakeApi } from '../fake-api.js';
import type { CommandContext } from '../types.js';
import { createRegistry } from './index.js';

const registry = createRegistry();
const answers: unknown[][] = [];
const ctx: CommandContext = {
  state: () => initialState(),
  registry,
  api: fakeApi({
    subscriptionRequests: () => ['bob@x', 'bea@x'],
    answerSubscription: async (jid, approve) => {
      answers.push([jid, approve]);
      return `${approve ? 'accepted' : 'refused'} ${jid}`;
    },
  }),
};

it('/accept and /decline answer a request by JID (any case, resource dropped)', async () => {
  expect(await registry.execute(ctx, '/accept Bob@X/phone')).toEqual({ ok: true, text: 'accepted bob@x' });
  expect(await registry.execute(ctx, '/decline bea@x')).toEqual({ ok: true, text: 'refused bea@x' });
  expect(answers).toEqual([['bob@x', true], ['bea@x', false]]);
});

it('refuses what is not a JID and a missing argument, with the usage', async () => {
  expect(await registry.execute(ctx, '/accept bob')).toMatchObject({ ok: false, error: expect.stringContaining('is not a JID') });
  expect(await registry.execute(ctx, '/decline')).toMatchObject({ ok: false, error: expect.stringContaining('/decline jid') });
});

it('completes those waiting for an answer, and has help', async () => {
  expect(completeLine(registry, ctx, '/accept b', 9)?.candidates).toEqual(['bob@x', 'bea@x']);
  const help = await registry.execute(ctx, '/help accept');
  expect(help.ok && help.text).toContain('/accept bob@example.org');
});
