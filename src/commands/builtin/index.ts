import { CommandRegistry } from '../registry.js';
import type { CommandSpec } from '../types.js';
import { acceptCommand, declineCommand } from './subscription.js';
import { accountCommand, connectCommand, disconnectCommand } from './account.js';
import { aliasCommand, unaliasCommand } from './alias.js';
import { avatarCommand } from './avatar.js';
import { blockCommand, blockedCommand, unblockCommand } from './blocking.js';
import { closeCommand } from './close.js';
import { correctCommand } from './correct.js';
import { expandCommand } from './expand.js';
import { helpCommand } from './help.js';
import { lastCommand } from './last.js';
import { invisibleCommand, visibleCommand } from './invisible.js';
import { meCommand } from './me.js';
import { msgCommand } from './msg.js';
import { quitCommand } from './quit.js';
import { rosterCommand } from './roster.js';
import { joinCommand, leaveCommand, whoCommand } from './rooms.js';
import { jumpCommand, searchCommand } from './search.js';
import { sourceCommand } from './source.js';
import { presenceShortcuts, priorityCommand, statusCommand } from './status.js';
import { timeCommand } from './time.js';
import { vcardCommand } from './vcard.js';
import { winCommand } from './win.js';
import { discoCommand, infoCommand, pingCommand, versionCommand } from './who.js';
import { xmlConsoleCommand } from './xml-console.js';

export const builtinCommands: readonly CommandSpec[] = [
  acceptCommand,
  accountCommand,
  aliasCommand,
  avatarCommand,
  blockCommand,
  blockedCommand,
  closeCommand,
  connectCommand,
  correctCommand,
  declineCommand,
  discoCommand,
  disconnectCommand,
  expandCommand,
  helpCommand,
  infoCommand,
  invisibleCommand,
  joinCommand,
  jumpCommand,
  lastCommand,
  leaveCommand,
  meCommand,
  msgCommand,
  pingCommand,
  ...presenceShortcuts,
  priorityCommand,
  quitCommand,
  rosterCommand,
  searchCommand,
  sourceCommand,
  statusCommand,
  timeCommand,
  unaliasCommand,
  unblockCommand,
  vcardCommand,
  versionCommand,
  visibleCommand,
  whoCommand,
  winCommand,
  xmlConsoleCommand,
];

export function createRegistry(extra: readonly CommandSpec[] = []): CommandRegistry {
  const registry = new CommandRegistry();
  for (const spec of [...builtinCommands, ...extra]) registry.register(spec);
  return registry;
}
