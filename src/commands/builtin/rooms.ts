import { bareJid, isBareJid } from '../../domain/jid.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { parseTabId, roomTabId } from '../../domain/tab-address.js';
import { fail, ok, type CommandContext, type CommandSpec } from '../types.js';

/** The room of the front tab: a room tab, or the room of a private chat. */
export function currentRoom(ctx: CommandContext): string | undefined {
  const address = parseTabId(ctx.state().activeTabId);
  return address?.kind === 'room' || address?.kind === 'private' ? address.room : undefined;
}

const knownRooms = (ctx: CommandContext, partial: string): string[] => Object.keys(ctx.state().rooms).filter((r) => r.startsWith(partial)).sort();

export const joinCommand: CommandSpec = {
  name: 'join',
  summary: 'Join a chat room (XEP-0045), creating it if it does not exist.',
  args: [
    { name: 'room[/nick]', required: true, description: 'the room, e.g. ops@conference.example.org; /nick to choose your nickname there' },
    { name: 'password', required: false, secret: true, description: 'for rooms that need one; never shown in the console or kept in the line history' },
  ],
  description:
    'Opens the room in its own tab and joins it; the command ends once you are in (or says why not: nickname taken, members only, banned...). ' +
    'Your nickname is your account name unless you give one. A room that does not exist is created with the server\'s default settings. ' +
    'Rooms are joined again after a reconnect.',
  examples: ['/join ops@conference.example.org', '/join ops@conference.example.org/alice-laptop', '/join secret@conference.example.org hunter2'],
  async run(ctx, [target = '', password]) {
    const slash = target.indexOf('/');
    const room = bareJid(target);
    const nick = slash < 0 ? undefined : target.slice(slash + 1);
    if (!isBareJid(room)) return fail(`"${target}" is not a room address. Write it as name@conference.server, e.g. /join ops@conference.example.org`);
    if (nick !== undefined && nick.trim() === '') return fail(`the nickname after "/" is empty; e.g. /join ${room}/alice`);
    const text = await ctx.api.joinRoom(room, nick, password);
    return ok(text, [{ type: 'tab/focus', id: roomTabId(room) }]);
  },
  complete: (ctx, index, partial) => (index === 0 ? knownRooms(ctx, partial) : []),
};

export const leaveCommand: CommandSpec = {
  name: 'leave',
  aliases: ['part'],
  summary: 'Leave a room (the current one without an argument); its tab and history stay.',
  args: [{ name: 'room', required: false, description: 'the room; default: the room of the current tab' }],
  examples: ['/leave', '/leave ops@conference.example.org'],
  async run(ctx, [written]) {
    const room = written === undefined ? currentRoom(ctx) : bareJid(written);
    if (!room) return fail('/leave works in a room tab, or name the room: /leave ops@conference.example.org');
    return ok(await ctx.api.leaveRoom(room));
  },
  complete: (ctx, index, partial) => (index === 0 ? knownRooms(ctx, partial) : []),
};

const ROLE_ORDER = ['moderator', 'participant', 'visitor', 'none'];

export const whoCommand: CommandSpec = {
  name: 'who',
  summary: 'List the people in the current room, moderators first.',
  args: [],
  examples: ['/who'],
  run(ctx) {
    const room = currentRoom(ctx);
    const state = room ? ctx.state().rooms[room] : undefined;
    if (!room || !state) return fail('/who works in the tab of a room you are in; /join ROOM first');
    const occupants = [...state.occupants].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.nick.localeCompare(b.nick));
    const names = occupants.map((o) => {
      const notes = [o.role === 'moderator' ? 'moderator' : o.role === 'visitor' ? 'visitor' : '', o.presence === 'online' ? '' : o.presence].filter(Boolean);
      return `${sanitizeLine(o.nick)}${notes.length ? ` (${notes.join(', ')})` : ''}`;
    });
    const result = ok(`${occupants.length} in ${room}: ${names.join(', ')}`);
    return { ...result, data: occupants.map((o) => ({ nick: o.nick, role: o.role, affiliation: o.affiliation, presence: o.presence })) };
  },
};
