import type { Schema } from 'conf';
import type { NatterEventName } from '../domain/events.js';
import type { OwnShow } from '../domain/own-presence.js';

/** One account's connection settings. No password: secrets live in the OS keychain only. */
export interface AccountConfig {
  enabled?: boolean;
  host?: string;
  port?: number;
  directTls?: boolean;
  caFile?: string;
  passwordCommand?: string;
  /** SHA-256 fingerprints of server certificates the user chose to trust. */
  pinnedCertificates?: string[];
  /** The strongest SASL mechanism this account has used; a weaker one is refused. */
  mechanism?: string;
  /** The presence last chosen with /status or /priority (written by natter). */
  lastPresence?: { show: OwnShow; status?: string; priority?: number };
}

export interface PresenceConfig {
  /** Start each account with the presence last chosen for it (default: plain online). */
  restoreLast: boolean;
  /** Auto-away: idle this many minutes at the keyboard, natter says away (0: never). */
  awayAfterMinutes: number;
  /** ... and extended away after this many (0: never). */
  xaAfterMinutes: number;
  /** The status message while away by itself ('' keeps the one the user set). */
  awayMessage: string;
}

export interface UiConfig {
  rosterVisible: boolean;
  rosterWidth: number;
  /** How a message in a tab you are not looking at is signalled: nothing, BEL, OSC 9 or OSC 777. */
  notify: 'off' | 'bell' | 'osc9' | 'osc777';
  /** Action name → keys, replacing that action's default keys ("tab.next": ["ctrl+j"]). */
  keys: Record<string, string[]>;
  /** Colour token → colour ("error": "#ff5f5f"); see src/ui/theme/theme.ts for the tokens. */
  theme: Record<string, string>;
  /**
   * Nicks and contact names in XEP-0392 colours (the ones other clients give them): true,
   * false, or with a colour-vision correction, "red-green" or "blue" (XEP-0392 §5.2).
   */
  nickColours: boolean | 'red-green' | 'blue';
  /**
   * Ask the terminal to report focus (DECSET 1004) and tell the server, where it offers Client
   * State Indication (XEP-0352), that natter is inactive while the terminal has lost focus.
   */
  focusReporting: boolean;
}

/** Event → program and arguments, run without a shell (see src/app/hooks.ts). */
export type HooksConfig = Partial<Record<NatterEventName, string[]>>;

export interface NatterConfig {
  accounts: Record<string, AccountConfig>;
  /** /alias name = /command $1 $*: user commands kept across runs. */
  aliases: Record<string, string>;
  hooks: HooksConfig;
  defaultAccount?: string;
  presence: PresenceConfig;
  ui: UiConfig;
}

const account = {
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean' },
    host: { type: 'string', minLength: 1 },
    port: { type: 'integer', minimum: 1, maximum: 65535 },
    directTls: { type: 'boolean' },
    caFile: { type: 'string', minLength: 1 },
    passwordCommand: { type: 'string', minLength: 1 },
    pinnedCertificates: { type: 'array', items: { type: 'string', pattern: '^([0-9A-F]{2}:){31}[0-9A-F]{2}$' } },
    mechanism: { type: 'string' },
    lastPresence: {
      type: 'object',
      additionalProperties: false,
      required: ['show'],
      properties: {
        // Written out (the validator generator reads this file alone): domain/own-presence.ts's
        // OWN_SHOWS, MAX_STATUS_CHARS and priority range; load-config.test.ts checks they agree.
        show: { enum: ['online', 'chat', 'away', 'xa', 'dnd'] },
        status: { type: 'string', maxLength: 1000 },
        priority: { type: 'integer', minimum: -128, maximum: 127 },
      },
    },
  },
} as const;

// `additionalProperties: false` everywhere: a misspelt key is reported, and a "password"
// key can never be stored.
export const configSchema: Schema<NatterConfig> = {
  accounts: {
    type: 'object',
    propertyNames: { pattern: '^[^@/\\s]+@[^@/\\s]+$' },
    additionalProperties: account,
    default: {},
  },
  defaultAccount: { type: 'string' },
  presence: {
    type: 'object',
    additionalProperties: false,
    properties: {
      restoreLast: { type: 'boolean', default: false },
      awayAfterMinutes: { type: 'number', minimum: 0, default: 0 },
      xaAfterMinutes: { type: 'number', minimum: 0, default: 0 },
      awayMessage: { type: 'string', maxLength: 1000, default: '' },
    },
    default: {},
  },
  hooks: {
    type: 'object',
    additionalProperties: false,
    properties: {
      message: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      highlight: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      connection: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      presence: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      subscription: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      file: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    },
    default: {},
  },
  aliases: {
    type: 'object',
    propertyNames: { pattern: '^[a-z][a-z0-9_-]{0,31}$' },
    additionalProperties: { type: 'string', pattern: '^/' },
    default: {},
  },
  ui: {
    type: 'object',
    additionalProperties: false,
    properties: {
      rosterVisible: { type: 'boolean', default: true },
      rosterWidth: { type: 'integer', minimum: 12, maximum: 80, default: 24 },
      notify: { enum: ['off', 'bell', 'osc9', 'osc777'], default: 'off' },
      nickColours: { enum: [true, false, 'red-green', 'blue'], default: true },
      focusReporting: { type: 'boolean', default: true },
      theme: {
        type: 'object',
        propertyNames: { enum: ['border', 'title', 'activeTab', 'activeTabBg', 'unread', 'statusFg', 'statusBg', 'prompt', 'error', 'info', 'command', 'incoming', 'outgoing', 'action', 'timestamp'] },
        additionalProperties: { type: 'string', pattern: '^(#[0-9a-fA-F]{6}|[a-zA-Z]+|ansi256\\(\\d{1,3}\\)|rgb\\(\\d{1,3}, ?\\d{1,3}, ?\\d{1,3}\\))$' },
        default: {},
      },
      keys: {
        type: 'object',
        propertyNames: { pattern: '^[a-z]+(\\.[a-z0-9-]+)+$' },
        // A key is modifiers and then a named key ("pageup", "return", "a") or one printable
        // character as the terminal sends it: punctuation too ("alt+=", "ctrl+]"), never an
        // upper-case letter (key-name.ts lower-cases what comes with Ctrl or Alt).
        additionalProperties: { type: 'array', items: { type: 'string', pattern: '^((ctrl|alt|shift)\\+)*([a-z][a-z0-9]*|[!-@\\[-~])$' } },
        default: {},
      },
    },
    default: {},
  },
};
