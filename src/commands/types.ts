import type { ConnectionState } from '../domain/connection-state.js';
import type { OwnShow } from '../domain/own-presence.js';
import type { Action } from '../store/actions.js';
import type { AppState } from '../store/state.js';

/**
 * The store actions a command may ask for: what the screen shows (the tab in front, the
 * roster pane). They are applied to the store as they are, not copied into intents of their own.
 */
export type ViewAction = Extract<Action, {
  type: 'tab/focus' | 'tab/close' | 'tab/expand' | 'roster/visible' | 'roster/width' | 'roster/filter' | 'roster/show-status' | 'roster/toggle-group';
}>;

/** What the app does for a command beyond the store: leave, open a conversation, show search results. */
export type AppIntent =
  | { type: 'quit' }
  | { type: 'open-chat'; peer: string; focus: boolean }
  | { type: 'open-private'; room: string; nick: string }
  | { type: 'search-results'; query: string; hits: SearchResult[] }
  | { type: 'jump'; index: number };

/** What a command asks the UI or the app to do; commands never draw on screen themselves. */
export type Intent = ViewAction | AppIntent;

export type CommandResult =
  | { ok: true; text?: string; data?: unknown; intents?: Intent[] }
  | { ok: false; error: string };

export interface ArgSpec {
  name: string;
  required: boolean;
  /** The last argument may take the rest of the line, spaces included (message text). */
  rest?: boolean;
  /**
   * A secret (a password): natter never echoes it in the console tab nor keeps it in the line
   * history; from it to the end of the line shows as "[NAME hidden]" (see redact.ts).
   */
  secret?: boolean;
  description: string;
}

export interface AccountInfo {
  jid: string;
  state: ConnectionState;
  enabled: boolean;
  isDefault: boolean;
  /** "host:port" when set in the config, else how it is found (SRV / domain). */
  server: string;
  /** False for a --jid account of this run only. */
  saved: boolean;
}

/** One full-text search hit, for the results tab. */
export interface SearchResult {
  id: number;
  account: string;
  peer: string;
  direction: 'in' | 'out';
  at: number;
  /** The matching part, words in [brackets]. */
  snippet: string;
}

/** What an entity said its time is (XEP-0202), for /time. */
export interface EntityTime {
  /** Who was asked: as written, or a contact's bare JID at its best online resource. */
  jid: string;
  /** Their clock (ms since the epoch) and their offset from UTC ("+02:00", and in minutes east). */
  utc: number;
  tzo: string;
  offsetMinutes: number;
  /** When the answer came by our clock, and our offset from UTC then. */
  receivedAt: number;
  ourOffsetMinutes: number;
}

/** A ping's answer (XEP-0199): who answered, and how long the round trip took. */
export interface PingResult {
  jid: string;
  rttMs: number;
}

/** What software an entity runs (XEP-0092); texts bounded, still raw. */
export interface VersionResult {
  jid: string;
  name: string;
  version: string;
  os?: string;
}

/** What an entity says it is and does (XEP-0030 disco#info), or what it has (disco#items); texts bounded, still raw. */
export type DiscoResult =
  | { kind: 'info'; jid: string; node?: string; identities: Array<{ category: string; type: string; name?: string }>; features: string[]; left: number }
  | { kind: 'items'; jid: string; node?: string; items: Array<{ jid: string; node?: string; name?: string }>; left: number };

/** One's own vCard (XEP-0054) as read from the server: its fields, bounded, still raw. */
export interface OwnVcard {
  account: string;
  fields: Array<{ label: string; value: string }>;
  left: number;
}

/** Whose presence a command sets: the account of the tab `tabId` (else the default one), or every running account. */
export interface PresenceScope {
  all: boolean;
  tabId: string;
}

/** What an entity said of its last activity (XEP-0012), for /last. */
export interface LastActivityAnswer {
  /** Who was asked: as written, or a contact's bare JID at its best online resource. */
  jid: string;
  /** What the seconds count: a device's idle time, an account's time since it went offline, a server's uptime. */
  kind: 'idle' | 'offline' | 'uptime';
  seconds: number;
  /** An account's last status message, when its server gives it (as received, cut). */
  status?: string;
}

/** An account's block list (XEP-0191), for /blocked and completion. */
export interface BlockList {
  account: string;
  jids: string[];
  /** Read from the server on this connection (false: offline, or it could not be read). */
  known: boolean;
  /** False when the server said it does not support blocking. */
  supported: boolean;
}

/**
 * A change to the roster or to presence subscriptions (RFC 6121), for /roster. JIDs are bare;
 * names and groups as typed (checked by the command).
 */
export type RosterEdit =
  | { kind: 'add'; jid: string; name?: string; groups: string[] }
  | { kind: 'remove'; jid: string }
  | { kind: 'rename'; jid: string; name: string }
  | { kind: 'group-add'; jid: string; group: string }
  | { kind: 'group-remove'; jid: string; group: string }
  | { kind: 'group-rename'; from: string; to: string }
  | { kind: 'subscribe'; jid: string }
  | { kind: 'unsubscribe'; jid: string }
  | { kind: 'approve'; jid: string }
  | { kind: 'export'; path: string }
  | { kind: 'import'; path: string; subscribe: boolean };

export interface AccountOptions {
  host?: string;
  port?: number;
  directTls?: boolean;
}

/**
 * What commands may ask of the running client. The app implements it over the sessions;
 * methods throw an Error whose message says what went wrong and what to do.
 */
export interface ClientApi {
  /** Stores the message and sends it (now or after reconnecting) from `account` or the tab's/default account. */
  sendMessage(to: string, body: string, account?: string): Promise<void>;
  /** Replaces the last message sent to `peer` with `body` (XEP-0308). */
  correct(peer: string, body: string, account?: string): Promise<void>;
  /** The person is typing in the chat with `peer` (text on the line or not): XEP-0085. */
  typing(peer: string, hasText: boolean, account?: string): void;
  /** The chat with `peer` was left for another tab, came back to, or closed: XEP-0085. */
  chatFocus?(peer: string, change: 'left' | 'back' | 'closed', account?: string): void;
  /** The next older page of `peer`'s chat from the server archive (XEP-0313), stored in the history. */
  olderFromArchive(peer: string, account?: string): Promise<{ stored: number; complete: boolean }>;
  accounts(): AccountInfo[];
  /** Full-text search over the history, newest first (within one chat when `peer` is given). */
  search(words: string, peer?: string): SearchResult[];
  /** The user's aliases (name → expansion), kept in the config. */
  aliases(): Record<string, string>;
  /** Adds or replaces an alias; undefined removes it. */
  setAlias(name: string, expansion: string | undefined): void;
  /** Adds an account to the config, asks for its password and connects it; returns a summary. */
  addAccount(jid: string, options: AccountOptions): Promise<string>;
  removeAccount(jid: string): Promise<string>;
  setEnabled(jid: string, enabled: boolean): Promise<string>;
  setDefault(jid: string): string;
  connect(jid?: string): string;
  /** Joins a room (XEP-0045) as `nick` (default: the account's name) and resolves once in it; returns a summary. */
  joinRoom(room: string, nick?: string, password?: string, account?: string): Promise<string>;
  leaveRoom(room: string): Promise<string>;
  /** Sends to a joined room; the line shows pending until the room passes it back. */
  sayInRoom(room: string, body: string): Promise<void>;
  /** A private message to one occupant of a joined room (§7.5). */
  sendPrivate(room: string, nick: string, body: string): Promise<void>;
  /** JIDs (of any account) that asked to see your presence and wait for an answer. */
  subscriptionRequests(): string[];
  /** Approves or refuses a presence subscription request; returns a summary. */
  answerSubscription(jid: string, approve: boolean, account?: string): Promise<string>;
  /**
   * Changes the roster or a presence subscription on the server, of the account whose contact it
   * is (for a group: whose contacts are in it), else the default one; returns a summary.
   */
  editRoster(edit: RosterEdit): Promise<string>;
  /** Asks `jid` its time (XEP-0202) from `account`, the contact's or the default account. */
  entityTime(jid: string, account?: string): Promise<EntityTime>;
  /** Pings `jid` (XEP-0199) from `account`, the contact's or the default account. */
  ping(jid: string, account?: string): Promise<PingResult>;
  /** Asks `jid` what software it runs (XEP-0092). */
  softwareVersion(jid: string, account?: string): Promise<VersionResult>;
  /** Asks `jid` (at `node`) what it is and does, or with `items` what items it has (XEP-0030). */
  disco(jid: string, options?: { items?: boolean; node?: string; account?: string }): Promise<DiscoResult>;
  /** Opens the /info tab of `jid` (roster, devices with client and time, vCard), filled as answers come; returns its tab id. */
  info(jid: string, account?: string): string;
  /** What the /info tab of `jid` would show, as text, once every answer is in (for `natter run`). */
  infoText(jid: string, account?: string): Promise<string>;
  /** The vCard of `account` or the default account, as its server holds it. */
  ownVcard(account?: string): Promise<OwnVcard>;
  /** Sets one field (FN, NICKNAME, EMAIL, …) of the account's vCard, or removes it when `value` is undefined; returns a summary. */
  editOwnVcard(field: string, value: string | undefined, account?: string): Promise<string>;
  /** Publishes the image in `file` (PNG or JPEG, shrunk to 96×96 at most) as the account's avatar (XEP-0084, XEP-0153); returns a summary. */
  setAvatar(file: string, account?: string): Promise<string>;
  /** Clears the account's avatar (XEP-0084 §4.5, and the vCard's PHOTO); returns a summary. */
  clearAvatar(account?: string): Promise<string>;
  /** Sets the show and status message (RFC 6121 §4.7; '' for none) of `scope`'s accounts; returns a summary. */
  setPresence(change: { show: OwnShow; status: string }, scope: PresenceScope): Promise<string>;
  /** Sets the priority (RFC 6121 §4.7.2.3) of `scope`'s accounts; returns a summary. */
  setPriority(priority: number, scope: PresenceScope): Promise<string>;
  /** Makes `scope`'s accounts invisible or visible again (XEP-0186); throws where the server does not offer it. */
  setInvisible(invisible: boolean, scope: PresenceScope): Promise<string>;
  /** Asks `jid` its last activity (XEP-0012) from the contact's or the default account. */
  lastActivity(jid: string): Promise<LastActivityAnswer>;
  /**
   * Blocks `jid` (XEP-0191) on `account` or the default account; with `spam`, also reports it as
   * spam (XEP-0377) where the server takes reports. Returns a summary saying what was done.
   */
  block(jid: string, options?: { spam?: boolean; account?: string }): Promise<string>;
  /** Unblocks `jid`, or everyone on the list with 'all' (XEP-0191 §3.5); returns a summary. */
  unblock(jid: string | 'all', account?: string): Promise<string>;
  /** The block list of `account` or the default account, as natter last read it from the server. */
  blockList(account?: string): BlockList;
  /** Opens the XML console tab of `jid` (or the default account) and returns its tab id. */
  xmlConsole(jid?: string): string;
  disconnect(jid?: string): Promise<string>;
}

/** What a command may read and call. */
export interface CommandContext {
  state(): AppState;
  registry: CommandLookup;
  api: ClientApi;
  /** Runs a command file (see runScript); given by the app, absent in unit tests. */
  runFile?(path: string, options: { keepGoing: boolean }): Promise<CommandResult>;
  /**
   * No screen shows what a command opens (`natter run`): a command that would fill a tab
   * returns its content as text instead, or says why it can not.
   */
  headless?: boolean;
}

export interface CommandLookup {
  all(): readonly CommandSpec[];
  find(name: string): CommandSpec | undefined;
}

/** What /help shows of a command or a sub-command. */
interface CommandDocs {
  name: string;
  aliases?: string[];
  /** One line, shown by /help (and by /help COMMAND for each sub-command). */
  summary: string;
  /** Longer help for /help NAME. */
  description?: string;
  examples?: string[];
}

/** A command that runs: `/quit`, `/msg JID TEXT`, or a sub-command such as `/account add JID`. */
export interface RunnableCommandSpec extends CommandDocs {
  args: ArgSpec[];
  run(ctx: CommandContext, args: string[]): CommandResult | Promise<CommandResult>;
  /**
   * Candidates for the argument at `index` that start with `partial`; `before` holds the
   * arguments typed before it (after the command's and sub-command's names).
   */
  complete?(ctx: CommandContext, index: number, partial: string, before?: readonly string[]): string[];
  subCommands?: never;
  defaultSubCommand?: never;
}

/**
 * A command made of sub-commands (`/account add JID`, `/roster size N`): the first word after
 * its name names one, whose own args, run and complete then apply. A sub-command may itself
 * have sub-commands (`/roster group add NAME`).
 */
export interface CommandGroupSpec extends CommandDocs {
  subCommands: readonly CommandSpec[];
  /** The sub-command run when none is named (`/account` is `/account list`); without it one must be named. */
  defaultSubCommand?: string;
  /**
   * The sub-command that takes the words when the first names none of the sub-commands, that
   * word included (`/roster group work` is `/roster group fold work`).
   */
  otherwiseSubCommand?: string;
  // A group runs and completes through its sub-commands (absent here so either kind reads the same).
  args?: never;
  run?: never;
  complete?: never;
}

export type CommandSpec = RunnableCommandSpec | CommandGroupSpec;

export function isCommandGroup(spec: CommandSpec): spec is CommandGroupSpec {
  return spec.subCommands !== undefined;
}

export function ok(text?: string, intents?: Intent[]): CommandResult {
  return { ok: true, ...(text === undefined ? {} : { text }), ...(intents ? { intents } : {}) };
}

export function fail(error: string): CommandResult {
  return { ok: false, error };
}
