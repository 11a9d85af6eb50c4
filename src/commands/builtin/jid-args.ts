import { bareJid } from '../../domain/jid.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import type { CommandContext } from '../types.js';

/** Why `jid` is not a JID to ask (undefined when it is one), naming `command` in the example. */
export function notAJid(command: string, jid: string): string | undefined {
  if (bareJid(jid) && !jid.endsWith('/')) return undefined;
  return `"${sanitizeLine(jid).slice(0, 80)}" is not a JID. Write it as name@server, name@server/resource or server, e.g. /${command} bob@example.org`;
}

/** Contacts' JIDs starting with `partial`, each once (Tab on a JID argument). */
export const contactJids = (ctx: CommandContext, partial: string): string[] => [...new Set(ctx.state().roster.map((c) => c.jid))].filter((jid) => jid.startsWith(partial));
