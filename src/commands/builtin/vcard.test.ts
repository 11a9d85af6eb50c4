import { describe, expect, it } from 'vitest';
import { initialState } from '../../store/state.js';
import { completeLine } from '../complete.js';
import { fakeApi } from '../fake-api.js';
import type { ClientApi, CommandContext } from '../types.js';
import { createRegistry } from './index.js';

function setup(api: Partial<ClientApi>) {
  const registry = createRegistry();
  const ctx: CommandContext = { state: () => initialState(), registry, api: fakeApi(api) };
  return { registry, ctx };
}

describe('/vcard', () => {
  it('shows your vCard, inert, or how to start one', async () => {
    const { registry, ctx } = setup({ ownVcard: async () => ({ account: 'alice@x', fields: [{ label: 'name', value: 'Alice\u001b[2J' }, { label: 'note', value: 'a\nb' }], left: 0 }) });
    expect(await registry.execute(ctx, '/vcard')).toEqual({ ok: true, text: 'the vCard of alice@x:\n  name: Alice\n  note: a b' });
    const none = setup({ ownVcard: async () => ({ account: 'alice@x', fields: [], left: 0 }) });
    expect(await none.registry.execute(none.ctx, '/vcard show')).toEqual({ ok: true, text: 'alice@x has no vCard yet; /vcard set FN Your Name starts one' });
  });

  it('sets a field (any case, the value spaces and all) and clears one', async () => {
    const edits: Array<[string, string | undefined]> = [];
    const { registry, ctx } = setup({ editOwnVcard: async (field, value) => (edits.push([field, value]), `done ${field}`) });
    expect(await registry.execute(ctx, '/vcard set fn Alice  Example')).toEqual({ ok: true, text: 'done FN' });
    expect(await registry.execute(ctx, '/vcard clear note')).toEqual({ ok: true, text: 'done NOTE' });
    expect(edits).toEqual([['FN', 'Alice  Example'], ['NOTE', undefined]]);
  });

  it('bad input is one line and publishes nothing: no field, no value, a field natter does not edit; a refusal is one line', async () => {
    const edits: string[] = [];
    const { registry, ctx } = setup({ editOwnVcard: async (field) => { edits.push(field); throw new Error("alice@x's server refused the vCard (not-acceptable)"); } });
    expect(await registry.execute(ctx, '/vcard set')).toMatchObject({ ok: false, error: expect.stringContaining('Usage: /vcard set field value...') });
    expect(await registry.execute(ctx, '/vcard set FN')).toMatchObject({ ok: false, error: expect.stringContaining('Usage: /vcard set field value...') });
    expect(await registry.execute(ctx, '/vcard set PHOTO x')).toEqual({ ok: false, error: 'natter does not edit "PHOTO". Usage: /vcard set FIELD VALUE; FIELD is one of FN, NICKNAME, BDAY, URL, TITLE, ROLE, NOTE, JABBERID, EMAIL, TEL, ORG' });
    expect(await registry.execute(ctx, '/vcard clear')).toMatchObject({ ok: false });
    expect(edits).toEqual([]);
    expect(await registry.execute(ctx, '/vcard set FN A')).toEqual({ ok: false, error: "/vcard set failed: alice@x's server refused the vCard (not-acceptable)" });
  });

  it('completes sub-commands and field names, and has help', async () => {
    const { registry, ctx } = setup({});
    expect(completeLine(registry, ctx, '/vcard s', 8)?.candidates).toEqual(['set', 'show']);
    expect(completeLine(registry, ctx, '/vcard set nic', 14)?.text).toBe('/vcard set NICKNAME ');
    const help = await registry.execute(ctx, '/help vcard set');
    expect(help.ok && help.text).toContain('BDAY (birthday, YYYY-MM-DD)');
  });
});
