import type { Schema } from 'conf';

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
}

export interface UiConfig {
  rosterVisible: boolean;
  rosterWidth: number;
}

export interface NatterConfig {
  accounts: Record<string, AccountConfig>;
  /** /alias name = /command $1 $*: user commands kept across runs. */
  aliases: Record<string, string>;
  defaultAccount?: string;
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
    },
    default: {},
  },
};
