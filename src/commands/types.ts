import type { AppState } from '../store/state.js';

/** What a command asks the UI or the app to do; commands never draw on screen themselves. */
export type Intent =
  | { type: 'quit' }
  | { type: 'open-chat'; peer: string; focus: boolean }
  | { type: 'focus-tab'; id: string }
  | { type: 'close-tab'; id: string }
  | { type: 'roster-visible'; visible: boolean }
  | { type: 'roster-width'; width: number };

export type CommandResult =
  | { ok: true; text?: string; data?: unknown; intents?: Intent[] }
  | { ok: false; error: string };

export interface ArgSpec {
  name: string;
  required: boolean;
  /** The last argument may take the rest of the line, spaces included (message text). */
  rest?: boolean;
  description: string;
}

/** What commands may ask of the running client. The app implements it over the sessions. */
export interface ClientApi {
  /** Sends a chat message from the default account; resolves once it is handed to the session. */
  sendMessage(to: string, body: string): Promise<void>;
}

/** What a command may read and call. */
export interface CommandContext {
  state(): AppState;
  registry: CommandLookup;
  api: ClientApi;
}

export interface CommandLookup {
  all(): readonly CommandSpec[];
  find(name: string): CommandSpec | undefined;
}

export interface CommandSpec {
  name: string;
  aliases?: string[];
  /** One line, shown by /help. */
  summary: string;
  args: ArgSpec[];
  /** Longer help for /help NAME. */
  description?: string;
  examples?: string[];
  run(ctx: CommandContext, args: string[]): CommandResult | Promise<CommandResult>;
  /** Candidates for the argument at `index` that start with `partial`. */
  complete?(ctx: CommandContext, index: number, partial: string): string[];
}

export function ok(text?: string, intents?: Intent[]): CommandResult {
  return { ok: true, ...(text === undefined ? {} : { text }), ...(intents ? { intents } : {}) };
}

export function fail(error: string): CommandResult {
  return { ok: false, error };
}
