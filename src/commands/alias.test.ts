import { describe, expect, it } from 'vitest';
import { expandAliases } from './alias.js';

const commands = new Set(['msg', 'account']);
const isCommand = (name: string) => commands.has(name);

describe('expandAliases', () => {
  it('substitutes $1…$9 and $*', () => {
    const aliases = { ops: '/msg ops@example.org $*', tell: '/msg $1 hello from $2' };
    expect(expandAliases('/ops deploy started now', aliases, isCommand)).toEqual({ ok: true, line: '/msg ops@example.org deploy started now' });
    expect(expandAliases('/tell bob@x alice', aliases, isCommand)).toEqual({ ok: true, line: '/msg bob@x hello from alice' });
  });

  it('lets aliases use aliases, leaves commands and unknown names alone', () => {
    const aliases = { a: '/b $*', b: '/msg x@y $*', msg: '/account' };
    expect(expandAliases('/a hi', aliases, isCommand)).toEqual({ ok: true, line: '/msg x@y hi' });
    expect(expandAliases('/msg bob@x hi', aliases, isCommand)).toEqual({ ok: true, line: '/msg bob@x hi' });
    expect(expandAliases('/nothing', aliases, isCommand)).toEqual({ ok: true, line: '/nothing' });
  });

  it('stops a loop with a clear error', () => {
    const result = expandAliases('/ping', { ping: '/pong', pong: '/ping' }, isCommand);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('/ping: aliases expand into each other more than 8 times') });
  });
});
