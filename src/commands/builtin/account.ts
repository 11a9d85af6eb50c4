import { describeConnectionState } from '../../domain/connection-state.js';
import { fail, ok, type AccountOptions, type CommandContext, type CommandResult, type CommandSpec } from '../types.js';

const ACTIONS = ['list', 'add', 'remove', 'enable', 'disable', 'default'] as const;
const USAGE = 'Usage: /account list | add JID [HOST[:PORT]] | remove JID | enable JID | disable JID | default JID';

export const accountCommand: CommandSpec = {
  name: 'account',
  summary: 'List, add, remove, enable, disable accounts, or choose the default one.',
  args: [
    { name: 'list|add|remove|enable|disable|default', required: false, description: 'what to do (default: list)' },
    { name: 'jid', required: false, description: 'the account, e.g. alice@example.org' },
    { name: 'server', required: false, description: 'for add: HOST or HOST:PORT when the server is not found from the JID' },
  ],
  description:
    'Several accounts can be online at once; each has its own connection. Passwords are kept in the OS keychain, never in ' +
    'the config file: /account add asks for the password and offers to save it. remove deletes the account from the ' +
    'config and its password from the keychain; its history is kept.',
  examples: ['/account', '/account add alice@example.org', '/account add me@office.example chat.office.example:5222', '/account default alice@example.org'],
  async run(ctx, [action = 'list', jid, server]) {
    if (!(ACTIONS as readonly string[]).includes(action)) return fail(`Unknown /account action "${action}". ${USAGE}`);
    if (action === 'list') return jid === undefined ? list(ctx) : fail(`/account list takes no JID. ${USAGE}`);
    if (jid === undefined) return fail(`/account ${action} needs a JID. ${USAGE}`);
    if (server !== undefined && action !== 'add') return fail(`Only /account add takes a server. ${USAGE}`);
    switch (action) {
      case 'add': {
        const options = server === undefined ? {} : parseServer(server);
        if (typeof options === 'string') return fail(options);
        return ok(await ctx.api.addAccount(jid, options));
      }
      case 'remove':
        return ok(await ctx.api.removeAccount(jid));
      case 'enable':
      case 'disable':
        return ok(await ctx.api.setEnabled(jid, action === 'enable'));
      default:
        return ok(ctx.api.setDefault(jid));
    }
  },
  complete(ctx, index, partial) {
    if (index === 0) return ACTIONS.filter((a) => a.startsWith(partial));
    if (index === 1) return ctx.api.accounts().map((a) => a.jid).filter((j) => j.startsWith(partial));
    return [];
  },
};

function list(ctx: CommandContext): CommandResult {
  const accounts = ctx.api.accounts();
  if (accounts.length === 0) return ok('No accounts. Add one with /account add name@server');
  const rows = accounts.map((a) => {
    const flags = [a.isDefault ? 'default' : '', a.enabled ? '' : 'disabled', a.saved ? '' : 'this run only'].filter(Boolean);
    return `${a.isDefault ? '*' : ' '} ${a.jid}  ${describeConnectionState(a.state)}  (${a.server}${flags.length ? `; ${flags.join(', ')}` : ''})`;
  });
  return { ok: true, text: ['Accounts:', ...rows].join('\n'), data: accounts };
}

/** "host" or "host:port" → connection options, or the reason it is neither. */
export function parseServer(server: string): AccountOptions | string {
  const match = /^([A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(server);
  const port = match?.[2] === undefined ? undefined : Number(match[2]);
  if (!match?.[1] || (port !== undefined && (port < 1 || port > 65535))) {
    return `"${server}" is not HOST or HOST:PORT (port 1-65535), e.g. chat.example.org:5222`;
  }
  return { host: match[1], ...(port === undefined ? {} : { port }) };
}

function accountArg(description: string) {
  return [{ name: 'jid', required: false, description }];
}

export const connectCommand: CommandSpec = {
  name: 'connect',
  summary: 'Connect an account (the default one without a JID).',
  args: accountArg('the account; default: the default account'),
  examples: ['/connect', '/connect alice@example.org'],
  run: (ctx, [jid]) => ok(ctx.api.connect(jid)),
  complete: (ctx, index, partial) => (index === 0 ? ctx.api.accounts().map((a) => a.jid).filter((j) => j.startsWith(partial)) : []),
};

export const disconnectCommand: CommandSpec = {
  name: 'disconnect',
  summary: 'Log an account out (the default one without a JID); messages you write meanwhile wait in the outbox.',
  args: accountArg('the account; default: the default account'),
  examples: ['/disconnect', '/disconnect alice@example.org'],
  run: async (ctx, [jid]) => ok(await ctx.api.disconnect(jid)),
  complete: (ctx, index, partial) => (index === 0 ? ctx.api.accounts().map((a) => a.jid).filter((j) => j.startsWith(partial)) : []),
};
