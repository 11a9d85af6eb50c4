import { fail, ok, type CommandSpec } from '../types.js';

export const xmlConsoleCommand: CommandSpec = {
  name: 'xmlconsole',
  summary: 'Show the XML an account sends and receives, in its own tab (passwords hidden).',
  args: [{ name: 'jid', required: false, description: 'the account; default: the default account' }],
  description:
    'Opens a tab that shows each stanza as it passes: ← received, → sent. SASL data and passwords are shown as [hidden]. ' +
    'It shows traffic from when it is opened: to see a login, run /disconnect and /connect after it. /close ends it.',
  examples: ['/xmlconsole', '/xmlconsole alice@example.org'],
  run: (ctx, [jid]) =>
    ctx.headless
      ? fail("the XML console is a tab that shows stanzas as they pass, and natter run has no screen; open it in natter, or in a running one with natter ctl '/xmlconsole'")
      : ok(undefined, [{ type: 'tab/focus', id: ctx.api.xmlConsole(jid) }]),
  complete: (ctx, index, partial) => (index === 0 ? ctx.api.accounts().map((a) => a.jid).filter((j) => j.startsWith(partial)) : []),
};
