import { isOwnShow, MAX_PRIORITY, MAX_STATUS_CHARS, MIN_PRIORITY, OWN_SHOWS, type OwnShow } from '../../domain/own-presence.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { fail, ok, type CommandContext, type CommandResult, type CommandSpec, type PresenceScope } from '../types.js';

const ALL = '--all';
const SHOWS_WRITTEN = `${OWN_SHOWS.slice(0, -1).join(', ')} or ${OWN_SHOWS.at(-1) ?? ''}`;

/** The first word of `text` and the rest (trimmed). */
function firstWord(text: string): [string, string] {
  const match = /^(\S*)\s*(.*)$/s.exec(text.trim());
  return [match?.[1] ?? '', match?.[2] ?? ''];
}

/** `--all` as the first word: every running account; the current one otherwise. */
function takeAll(text: string): { all: boolean; rest: string } {
  const [word, rest] = firstWord(text);
  return word === ALL ? { all: true, rest } : { all: false, rest: text.trim() };
}

const scopeOf = (ctx: CommandContext, all: boolean): PresenceScope => ({ all, tabId: ctx.state().activeTabId });

/** Sets `show` with the message typed (none clears the previous one). */
async function setShow(ctx: CommandContext, show: OwnShow, all: boolean, message: string): Promise<CommandResult> {
  // One line of the user's own words; control characters could not travel in XML anyway.
  const status = sanitizeLine(message).trim();
  if (status.length > MAX_STATUS_CHARS) return fail(`a status message is at most ${MAX_STATUS_CHARS} characters (this one has ${status.length}); nothing was changed`);
  return ok(await ctx.api.setPresence({ show, status }, scopeOf(ctx, all)));
}

export const statusCommand: CommandSpec = {
  name: 'status',
  summary: 'Set your presence (online, away, dnd, ...) and a message.',
  args: [{ name: 'presence', required: true, rest: true, description: `[--all] SHOW [MESSAGE]: SHOW is ${SHOWS_WRITTEN}; the message is the rest of the line` }],
  description:
    'online: available; chat: keen to chat; away: away for a while; xa: away for long; dnd: busy, do not disturb. ' +
    'Sets the account of the tab in front (the default account in the console), or every account with --all. ' +
    'A status without a message clears the previous message. The choice is shown on the status line and sent again at every login; ' +
    'with "presence": { "restoreLast": true } in the config, natter starts with the last one. Shortcuts: /online, /chat, /away, /xa, /dnd.',
  examples: ['/status away lunch', '/status dnd', '/status --all xa on holiday until Monday', '/status online'],
  async run(ctx, [written = '']) {
    const { all, rest } = takeAll(written);
    const [show, message] = firstWord(rest);
    if (!show) return fail(`say which presence: /status ${OWN_SHOWS.join('|')} [message], e.g. /status away lunch`);
    if (!isOwnShow(show)) return fail(`"${sanitizeLine(show).slice(0, 40)}" is not a presence: write ${SHOWS_WRITTEN}, e.g. /status dnd in a meeting`);
    return setShow(ctx, show, all, message);
  },
  complete: (_ctx, index, partial) => (index === 0 ? [...OWN_SHOWS, ALL].filter((word) => word.startsWith(partial)) : []),
};

const SHORTCUT_MEANING: Record<OwnShow, string> = {
  online: 'available',
  chat: 'keen to chat',
  away: 'away for a while',
  xa: 'extended away',
  dnd: 'busy: do not disturb',
};

/** /away, /dnd, ...: /status SHOW with the rest of the line as the message. */
function shortcut(show: OwnShow): CommandSpec {
  return {
    name: show,
    summary: `/status ${show} [message]: ${SHORTCUT_MEANING[show]}.`,
    args: [{ name: 'message', required: false, rest: true, description: '[--all] [MESSAGE]: the message is the rest of the line' }],
    examples: [`/${show}`, `/${show} ${show === 'online' ? 'back' : 'lunch'}`, `/${show} --all`],
    async run(ctx, [written = '']) {
      const { all, rest } = takeAll(written);
      return setShow(ctx, show, all, rest);
    },
    complete: (_ctx, index, partial) => (index === 0 && partial.startsWith('-') ? [ALL].filter((word) => word.startsWith(partial)) : []),
  };
}

export const presenceShortcuts: readonly CommandSpec[] = OWN_SHOWS.map(shortcut);

export const priorityCommand: CommandSpec = {
  name: 'priority',
  summary: "Set this device's priority among yours (RFC 6121).",
  args: [
    { name: 'number', required: true, description: `a whole number from ${MIN_PRIORITY} to ${MAX_PRIORITY}; 0 is the default` },
    { name: '--all', required: false, description: 'every running account, not only the current one' },
  ],
  description:
    'Messages to your bare JID go to your device with the highest priority; a negative priority asks the server not to send them here at all. ' +
    'Sent with your presence now and at every login.',
  examples: ['/priority 10', '/priority -1', '/priority 0 --all'],
  async run(ctx, [written = '', flag]) {
    if (flag !== undefined && flag !== ALL) return fail(`unknown option "${sanitizeLine(flag).slice(0, 40)}"; usage: /priority N [--all]`);
    if (!/^[+-]?\d{1,4}$/.test(written) || Number(written) < MIN_PRIORITY || Number(written) > MAX_PRIORITY) {
      return fail(`the priority is a whole number from ${MIN_PRIORITY} to ${MAX_PRIORITY}, not "${sanitizeLine(written).slice(0, 40)}"; nothing was changed`);
    }
    return ok(await ctx.api.setPriority(Number(written), scopeOf(ctx, flag === ALL)));
  },
  complete: (_ctx, index, partial) => (index === 1 ? [ALL].filter((word) => word.startsWith(partial)) : []),
};
