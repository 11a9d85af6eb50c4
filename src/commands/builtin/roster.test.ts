import { describe, expect, it } from 'vitest';
import { chatTabId } from '../../domain/tab-address.js';
import { initialState } from '../../store/state.js';
import type { CommandContext } from '../types.js';
import { createRegistry } from './index.js';
import { completeLine } from '../complete.js';
import { fakeApi } from '../fake-api.js';

const registry = createRegistry();
const state = initialState();
const ctx: CommandContext = { state: () => state, registry, api: fakeApi() };

describe('/roster', () => {
  it.each([
    ['/roster hide', [{ type: 'roster/visible', visible: false }]],
    ['/roster show', [{ type: 'roster/visible', visible: true }]],
    ['/roster size 30', [{ type: 'roster/width', width: 30 }]],
    ['/roster status', [{ type: 'roster/show-status', show: true }]], // hidden now: shown
    ['/roster status on', [{ type: 'roster/show-status', show: true }]],
    ['/roster status off', [{ type: 'roster/show-status', show: false }]],
  ])('%s', async (line, intents) => {
    expect(await registry.execute(ctx, line)).toEqual({ ok: true, intents });
  });

  it('/roster status with the status texts shown hides them', async () => {
    const shown = { ...state, rosterShowStatus: true };
    expect(await registry.execute({ ...ctx, state: () => shown }, '/roster status')).toEqual({ ok: true, intents: [{ type: 'roster/show-status', show: false }] });
  });

  it.each([
    ['/roster size 5', '/roster size needs a whole number of columns from 12 to 80, e.g. /roster size 30'],
    ['/roster size wide', '/roster size needs a whole number of columns from 12 to 80, e.g. /roster size 30'],
    ['/roster size', 'Wrong number of arguments. Usage: /roster size columns  (see /help roster size)'],
    ['/roster fold', 'Unknown /roster action "fold". Usage: /roster add|remove|rename|group|subscribe|unsubscribe|approve|export|import|hide|show|size|filter|status  (see /help roster)'],
    ['/roster', '/roster needs an action. Usage: /roster add|remove|rename|group|subscribe|unsubscribe|approve|export|import|hide|show|size|filter|status  (see /help roster)'],
    ['/roster status maybe', '/roster status takes on or off, not "maybe". Usage: /roster status [on|off]'],
    ['/roster group', '/roster group needs an action. Usage: /roster group add|remove|rename|fold  (see /help roster group)'],
    ['/roster hide 3', 'Wrong number of arguments. Usage: /roster hide  (see /help roster hide)'],
  ])('%s is refused', async (line, error) => {
    expect(await registry.execute(ctx, line)).toEqual({ ok: false, error });
  });

  it('has help and completes its actions', async () => {
    expect((await registry.execute(ctx, '/help roster')).ok).toBe(true);
    expect(completeLine(registry, ctx, '/roster s', 9)?.candidates).toEqual(['show', 'size', 'status', 'subscribe']);
  });

  it('completes the groups after /roster group, on and off after /roster status, and nothing after size', async () => {
    const withGroups: CommandContext = {
      ...ctx,
      state: () => ({ ...state, roster: [{ jid: 'b@x', name: 'B', presence: 'online', groups: ['work', 'my friends'] }] }),
    };
    const complete = (line: string) => completeLine(registry, withGroups, line, line.length)?.candidates;
    expect(complete('/roster group w')).toEqual(['work']);
    expect(complete('/roster group ')).toEqual(['add', 'fold', 'remove', 'rename', 'work', 'my friends']);
    expect(complete('/roster group fold m')).toEqual(['my friends']);
    expect(complete('/roster status o')).toEqual(['on', 'off']);
    expect(complete('/roster size ')).toBeUndefined();
    const help = await registry.execute(ctx, '/help roster');
    expect(help.ok && help.text).toMatch(/\n {2}\/roster size columns +Set the width of the roster pane, 12 to 80 columns/);
  });
});

describe('/roster filter and group', () => {
  it('sets or clears the filter and folds a group', async () => {
    expect(await registry.execute(ctx, '/roster filter ali ce')).toEqual({ ok: true, intents: [{ type: 'roster/filter', filter: 'ali ce' }] });
    expect(await registry.execute(ctx, '/roster filter')).toEqual({ ok: true, intents: [{ type: 'roster/filter', filter: '' }] });
    expect(await registry.execute(ctx, '/roster group my friends')).toEqual({ ok: true, intents: [{ type: 'roster/toggle-group', group: 'my friends' }] });
  });
});

describe('/win', () => {
  it('focuses tab N and explains a bad number', async () => {
    const registry = createRegistry();
    const tabs = { ...initialState(), tabs: [...initialState().tabs, { id: chatTabId('b@x'), kind: 'chat' as const, title: 'b@x', unread: 0, highlight: false }] };
    const ctx: CommandContext = { state: () => tabs, registry, api: fakeApi() };
    expect(await registry.execute(ctx, '/win 2')).toEqual({ ok: true, intents: [{ type: 'tab/focus', id: chatTabId('b@x') }] });
    expect(await registry.execute(ctx, '/win 3')).toEqual({ ok: false, error: 'There is no tab 3; there are 2 tabs.' });
    expect(await registry.execute(ctx, '/win x')).toMatchObject({ ok: false, error: expect.stringContaining('"x" is not a tab number') });
  });
});
