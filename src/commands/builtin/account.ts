import { describeConnectionState } from '../../domain/connection-state.js';
import { fail, ok, type AccountOptions, type CommandContext, type CommandResult, type CommandSpec } from '../types.js';

const accountJids = (ctx: CommandContext, partial: string): string[] => ctx.api.accounts().map((a) => a.jid).filter((j) => j.startsWith(partial));

/** An action on one saved account, `/account ACTION JID`; Tab completes the accounts. */
function onAccount(name: string, summary: string, run: (ctx: CommandContext, jid: string) => Promise<string> | string): CommandSpec {
  return {
    name,
    summary,
    args: [{ name: 'jid', required: true, description: 'the account, e.g. alice@example.org' }],
    examples: [`/account ${name} alice@example.org`],
    run: async (ctx, [jid = '']) => ok(await run(ctx, jid)),
    complete: (ctx, index, partial) => (index === 0 ? accountJids(ctx, partial) : []),
  };
}

const listAccounts: CommandSpec = {
  name: 'list',
  summary: 'List the accounts: their state, server, and which is the default (*).',
  args: [],
  examples: ['/account list'],
  run: (ctx) => list(ctx),
};

const addAccount: CommandSpec = {
  name: 'add',
  summary: 'Add an account: natter asks for its password, offers to save it in the keychain, and connects it.',
  args: [
    { name: 'jid', required: true, description: 'the account, e.g. alice@example.org' },
    { name: 'server', required: false, description: 'HOST or HOST:PORT when the server is not found from the JID' },
  ],
  examples: ['/account add alice@example.org', '/account add me@office.example chat.office.example:5222'],
  async run(ctx, [jid = '', server]) {
    const options = server === undefined ? {} : parseServer(server);
    if (typeof options === 'string') return fail(options);
    return ok(await ctx.api.addAccount(jid, options));
  },
};

export const accountCommand: CommandSpec = {
  name: 'account',
  summary: 'List, add, remove, enable, disable accounts, or choose the default one.',
  description:
    'Several accounts can be online at once; each has its own connection. Passwords are kept in the OS keychain, never in ' +
    'the config file: /account add asks for the password and offers to save it. remove deletes the account from the ' +
    'config and its password from the keychain; its history is kept.',
  examples: ['/account', '/account add alice@example.org', '/account add me@office.example chat.office.example:5222', '/account default alice@example.org'],
  defaultSubCommand: 'list',
  subCommands: [
    listAccounts,
    addAccount,
    onAccount('remove', 'Remove an account from the config and its password from the keychain; its history is kept.', (ctx, jid) => ctx.api.removeAccount(jid)),
    onAccount('enable', 'Enable an account and connect it.', (ctx, jid) => ctx.api.setEnabled(jid, true)),
    onAccount('disable', 'Disconnect an account and keep it offline until enabled again.', (ctx, jid) => ctx.api.setEnabled(jid, false)),
    onAccount('default', 'Make an account the default one (used when a command names none).', (ctx, jid) => ctx.api.setDefault(jid)),
  ],
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
  complete: (ctx, index, partial) => (index === 0 ? accountJids(ctx, partial) : []),
};

export const disconnectCommand: CommandSpec = {
  name: 'disconnect',
  summary: 'Log an account out (the default one without a JID); messages you write meanwhile wait in the outbox.',
  args: accountArg('the account; default: the default account'),
  examples: ['/disconnect', '/disconnect alice@example.org'],
  run: async (ctx, [jid]) => ok(await ctx.api.disconnect(jid)),
  complete: (ctx, index, partial) => (index === 0 ? accountJids(ctx, partial) : []),
};
