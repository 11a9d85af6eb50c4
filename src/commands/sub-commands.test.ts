import { describe, expect, it } from 'vitest';
import { initialState } from '../store/state.js';
import { createRegistry } from './builtin/index.js';
import { completeLine } from './complete.js';
import { fakeApi } from './fake-api.js';
import { redactSecrets } from './redact.js';
import { CommandRegistry } from './registry.js';
import { ok, type CommandContext, type CommandSpec, type RunnableCommandSpec } from './types.js';

/** Records each run as "path: args" so a test sees which sub-command ran with what. */
const runs = (path: string): Pick<RunnableCommandSpec, 'run'> => ({ run: (_ctx, args) => ok(`${path}: ${args.join('|')}`) });

const put: RunnableCommandSpec = {
  name: 'put',
  aliases: ['add'],
  summary: 'Put a thing in a box.',
  args: [
    { name: 'box', required: true, description: 'which box' },
    { name: 'note', required: false, rest: true, description: 'a note, spaces and all' },
  ],
  examples: ['/box put shoes under the bed'],
  ...runs('put'),
  complete: (_ctx, index, partial, before) => (index === 0 ? ['shoes', 'shirts'] : [`${before?.[0]}-${index}`]).filter((c) => c.startsWith(partial)),
};

/** A command made of sub-commands, one of them made of sub-commands too. */
const box: CommandSpec = {
  name: 'box',
  summary: 'Keep things in boxes.',
  description: 'Boxes hold things.',
  examples: ['/box list', '/box put shoes'],
  defaultSubCommand: 'list',
  subCommands: [
    { name: 'list', summary: 'List the boxes.', args: [], ...runs('list') },
    put,
    {
      name: 'lock',
      summary: 'Lock a box with a code.',
      args: [
        { name: 'box', required: true, description: 'which box' },
        { name: 'code', required: true, secret: true, description: 'the code' },
      ],
      ...runs('lock'),
    },
    {
      name: 'label',
      summary: 'Label boxes.',
      subCommands: [
        { name: 'set', summary: 'Set a label.', args: [{ name: 'text', required: true, rest: true, description: 'the label' }], ...runs('label set') },
        { name: 'clear', summary: 'Clear a label.', args: [], ...runs('label clear') },
      ],
    },
  ],
};

const registry = createRegistry([box]);
const ctx: CommandContext = { state: () => initialState(), registry, api: fakeApi() };
const run = (line: string) => registry.execute(ctx, line);
const complete = (line: string) => completeLine(registry, ctx, line, line.length)?.candidates;

describe('sub-commands: dispatch', () => {
  it('runs the sub-command the first word names, with its own arguments and free-text tail', async () => {
    expect(await run('/box put shoes under   the bed')).toEqual({ ok: true, text: 'put: shoes|under   the bed' });
    expect(await run('/box put "blue shoes"')).toEqual({ ok: true, text: 'put: blue shoes' });
    expect(await run('/box label set fragile, this side up')).toEqual({ ok: true, text: 'label set: fragile, this side up' });
  });

  it('finds a sub-command by alias and in any case', async () => {
    expect(await run('/box add shoes')).toEqual({ ok: true, text: 'put: shoes' });
    expect(await run('/BOX PUT shoes')).toEqual({ ok: true, text: 'put: shoes' });
  });

  it('runs the default sub-command when none is named', async () => {
    expect(await run('/box')).toEqual({ ok: true, text: 'list: ' });
  });

  it('names an unknown sub-command and lists the valid ones', async () => {
    expect(await run('/box open shoes')).toEqual({ ok: false, error: 'Unknown /box action "open". Usage: /box [list|put|lock|label]  (see /help box)' });
    expect(await run('/box label paint')).toEqual({ ok: false, error: 'Unknown /box label action "paint". Usage: /box label set|clear  (see /help box label)' });
  });

  it('asks for a sub-command where there is no default', async () => {
    expect(await run('/box label')).toEqual({ ok: false, error: '/box label needs an action. Usage: /box label set|clear  (see /help box label)' });
  });

  it('answers a missing or extra argument with the sub-command\'s usage', async () => {
    expect(await run('/box put')).toEqual({ ok: false, error: 'Wrong number of arguments. Usage: /box put box [note...]  (see /help box put)' });
    expect(await run('/box list everything')).toEqual({ ok: false, error: 'Wrong number of arguments. Usage: /box list  (see /help box list)' });
    expect(await run('/box put "shoes')).toEqual({ ok: false, error: '/box put: unclosed " quote starting at column 1' });
  });

  it('names the sub-command when it throws', async () => {
    const r = new CommandRegistry();
    r.register({ name: 'do', summary: 'd', subCommands: [{ name: 'it', summary: 'i', args: [], run: () => { throw new Error('kaput'); } }] });
    expect(await r.execute({ ...ctx, registry: r }, '/do it')).toEqual({ ok: false, error: '/do it failed: kaput' });
  });

  it('refuses malformed groups when they are registered', () => {
    const leaf = { summary: 's', args: [], run: () => ok() };
    const r = new CommandRegistry();
    expect(() => r.register({ name: 'a', summary: 'a', subCommands: [] })).toThrow('command /a has no sub-commands');
    expect(() => r.register({ name: 'b', summary: 'b', subCommands: [{ name: 'x', ...leaf }, { name: 'y', aliases: ['x'], ...leaf }] })).toThrow(
      'command /b x is registered twice',
    );
    expect(() => r.register({ name: 'c', summary: 'c', subCommands: [{ name: 'X', ...leaf }] })).toThrow('names are lower-case');
    expect(() => r.register({ name: 'd', summary: 'd', defaultSubCommand: 'z', subCommands: [{ name: 'x', ...leaf }] })).toThrow(
      'command /d: its default "z" is none of its sub-commands',
    );
    expect(() => r.register({ name: 'e', summary: 'e', otherwiseSubCommand: 'z', subCommands: [{ name: 'x', ...leaf }] })).toThrow(
      'command /e: its otherwise "z" is none of its sub-commands',
    );
  });

  it('hands a word that names no sub-command to the otherwise sub-command, that word included, and completes both', async () => {
    const tag: CommandSpec = {
      name: 'tag',
      summary: 'Tags.',
      otherwiseSubCommand: 'show',
      subCommands: [
        { name: 'add', summary: 'Add a tag.', args: [{ name: 'name', required: true, description: 'the tag' }], ...runs('add') },
        {
          name: 'show', summary: 'Show a tag.', args: [{ name: 'name', required: true, rest: true, description: 'the tag' }], ...runs('show'),
          complete: (_ctx: CommandContext, index: number, partial: string) => (index === 0 ? ['apple', 'pear'].filter((t) => t.startsWith(partial)) : []),
        },
      ],
    };
    const own = createRegistry([tag]);
    const owned: CommandContext = { ...ctx, registry: own };
    expect(await own.execute(owned, '/tag add red')).toEqual({ ok: true, text: 'add: red' });
    expect(await own.execute(owned, '/tag apple pie')).toEqual({ ok: true, text: 'show: apple pie' });
    expect(await own.execute(owned, '/tag show add')).toEqual({ ok: true, text: 'show: add' });
    expect(await own.execute(owned, '/tag')).toMatchObject({ ok: false, error: expect.stringContaining('/tag needs an action') });
    expect(completeLine(own, owned, '/tag a', 6)?.candidates).toEqual(['add', 'apple']);
  });
});

describe('sub-commands: /help', () => {
  it('lists the sub-commands of a command, one line each with its usage', async () => {
    const help = await run('/help box');
    expect(help.ok && help.text).toBe(
      [
        'Usage: /box [list|put|lock|label]',
        '',
        'Boxes hold things.',
        '',
        'Actions (/help box ACTION for details; /box alone is /box list):',
        '  /box list               List the boxes.',
        '  /box put box [note...]  Put a thing in a box.',
        '  /box lock box code      Lock a box with a code.',
        '  /box label set|clear    Label boxes.',
        '',
        'Examples:',
        '  /box list',
        '  /box put shoes',
      ].join('\n'),
    );
  });

  it('shows one sub-command\'s usage, arguments, aliases and examples', async () => {
    const help = await run('/help box put');
    expect(help.ok && help.text).toBe(
      [
        'Usage: /box put box [note...]',
        '',
        'Put a thing in a box.',
        '',
        'Arguments:',
        '  box  which box',
        '  note  a note, spaces and all',
        '',
        'Aliases: /box add',
        '',
        'Examples:',
        '  /box put shoes under the bed',
      ].join('\n'),
    );
    expect(await run('/help /box label set')).toMatchObject({ ok: true, text: expect.stringContaining('Usage: /box label set text...') });
  });

  it('says when the sub-command does not exist', async () => {
    expect(await run('/help box open')).toEqual({ ok: false, error: 'Unknown /box action "open". Usage: /box [list|put|lock|label]  (see /help box)' });
    expect(await run('/help quit now')).toEqual({ ok: false, error: '/quit has no actions; /help quit shows how to use it.' });
  });
});

describe('sub-commands: Tab', () => {
  it('completes sub-command names after the command, aliases included', () => {
    expect(complete('/box ')).toEqual(['add', 'label', 'list', 'lock', 'put']);
    expect(completeLine(registry, ctx, '/box p', 6)).toEqual({ text: '/box put ', cursor: 9, candidates: ['put'] });
    expect(complete('/box label ')).toEqual(['clear', 'set']);
  });

  it('completes a sub-command\'s arguments through its own complete, with the words before', () => {
    expect(complete('/box put sh')).toEqual(['shoes', 'shirts']);
    expect(complete('/box add shoes ')).toEqual(['shoes-1']);
    expect(complete('/box open ')).toBeUndefined();
    expect(complete('/box list ')).toBeUndefined();
  });

  it('completes sub-command names after /help COMMAND', () => {
    expect(complete('/help box l')).toEqual(['label', 'list', 'lock']);
    expect(complete('/help box label ')).toEqual(['clear', 'set']);
    expect(complete('/help box put ')).toBeUndefined();
  });
});

describe('sub-commands: secret arguments', () => {
  const redact = (line: string, aliases: Record<string, string> = {}) => redactSecrets(line, registry, aliases);

  it('hides a sub-command\'s secret from the echo and the line history', () => {
    expect(redact('/box lock shoes 1234 5678')).toEqual({ shown: '/box lock shoes [code hidden]', kept: '/box lock shoes' });
    expect(redact('/box  LOCK  "blue shoes"  "12 34')).toEqual({ shown: '/box  LOCK  "blue shoes" [code hidden]', kept: '/box  LOCK  "blue shoes"' });
  });

  it('hides every argument after a word that names no sub-command of a command with a secret', () => {
    expect(redact('/box lokc shoes 1234')).toEqual({ shown: '/box [arguments hidden]', kept: '/box' });
    expect(redact('/box "lock shoes 1234')).toEqual({ shown: '/box [arguments hidden]', kept: '/box' });
  });

  it('leaves the other sub-commands, and a lock without its code, as typed', () => {
    for (const line of ['/box', '/box put shoes 1234', '/box lock shoes', '/box label set 1234']) expect(redact(line)).toEqual({ shown: line, kept: line });
  });

  it('keeps only the name of an alias that reaches a sub-command\'s secret', () => {
    expect(redact('/lk shoes 1234', { lk: '/box lock $*' })).toEqual({ shown: '/lk [arguments hidden]', kept: '/lk' });
  });
});
