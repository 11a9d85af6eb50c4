import { ALIAS_NAME } from '../alias.js';
import { fail, ok, type CommandSpec } from '../types.js';

export const aliasCommand: CommandSpec = {
  name: 'alias',
  summary: 'List your aliases, or define one: /alias NAME = /COMMAND ARGS ($1…$9, $*).',
  args: [{ name: 'definition', required: false, rest: true, description: 'NAME = /COMMAND …; $1…$9 are the words after the alias, $* all of them' }],
  description: 'Aliases are kept in the config file. A command name always wins over an alias; aliases may use aliases (up to 8 deep). /unalias NAME removes one.',
  examples: ['/alias', '/alias ops = /msg ops@example.org $*', '/alias tell = /msg $1 $*'],
  run(ctx, [definition]) {
    if (definition === undefined || definition.trim() === '') {
      const all = Object.entries(ctx.api.aliases());
      if (all.length === 0) return ok('No aliases. Define one with /alias NAME = /COMMAND $*');
      return { ok: true, text: ['Aliases:', ...all.map(([name, expansion]) => `  /${name} = ${expansion}`)].join('\n'), data: Object.fromEntries(all) };
    }
    const match = /^\/?(\S+)\s*=\s*(.*)$/s.exec(definition.trim());
    const name = match?.[1] ?? '';
    const expansion = (match?.[2] ?? '').trim();
    if (!match || !ALIAS_NAME.test(name)) return fail(`Write it as /alias NAME = /COMMAND …, NAME in lower-case letters, digits, - and _ (got "${definition}")`);
    if (!expansion.startsWith('/')) return fail(`An alias stands for a slash command: /alias ${name} = /msg someone@example.org $*`);
    if (ctx.registry.find(name)) return fail(`/${name} is a command of natter; choose another name for the alias`);
    ctx.api.setAlias(name, expansion);
    return ok(`/${name} = ${expansion}`);
  },
};

export const unaliasCommand: CommandSpec = {
  name: 'unalias',
  summary: 'Remove an alias.',
  args: [{ name: 'name', required: true, description: 'the alias, with or without its /' }],
  examples: ['/unalias ops'],
  run(ctx, [written = '']) {
    const name = written.replace(/^\//, '');
    if (!(name in ctx.api.aliases())) return fail(`There is no alias /${name}; /alias lists them.`);
    ctx.api.setAlias(name, undefined);
    return ok(`/${name} removed`);
  },
  complete: (ctx, index, partial) => (index === 0 ? Object.keys(ctx.api.aliases()).filter((n) => n.startsWith(partial)) : []),
};
