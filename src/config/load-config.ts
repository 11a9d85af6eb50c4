import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import Conf from 'conf';
import type { NatterPaths } from './paths.js';
import type { NatterConfig } from './schema.js';
import { validateConfig } from './validate-config.generated.js';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`natter: the config file ${file} is invalid: ${detail}.\nFix it with an editor (natter left the file unchanged).`);
    this.name = 'ConfigError';
  }
}

/**
 * conf without its own schema step (it compiles the JSON schema with ajv in its constructor,
 * ~70 ms of every start): the same schema, compiled once at build time
 * (validate-config.generated.ts), checks the file when it is opened and every value set.
 */
class CheckedConf extends Conf<NatterConfig> {
  override set(key: string | Partial<NatterConfig>, value?: unknown): void {
    const next: Record<string, unknown> = { ...structuredClone(this.store) };
    if (typeof key === 'string') next[key] = structuredClone(value);
    else Object.assign(next, structuredClone(key));
    const problem = schemaProblem(next);
    if (problem) throw new Error(`natter: refusing to write ${this.path}: ${problem}`);
    super.set(key as keyof NatterConfig, value as never);
  }
}

export type ConfigStore = Conf<NatterConfig>;

/**
 * Opens the config and validates it against the JSON schema (schema.ts), filling in the
 * defaults. A file that does not parse or does not validate gives one ConfigError naming the
 * file and the key; it is never rewritten (only a valid file gets its missing defaults).
 */
export function loadConfig(paths: NatterPaths): ConfigStore {
  const syntax = jsonSyntaxError(paths.configFile);
  if (syntax) throw new ConfigError(paths.configFile, syntax);
  const config = new CheckedConf({
    cwd: paths.configDir,
    configName: 'config',
    projectName: 'natter',
    clearInvalidConfig: false,
    configFileMode: 0o600,
  });
  const stored = config.store;
  const filled = structuredClone(stored);
  const problem = schemaProblem(filled);
  if (problem) throw new ConfigError(paths.configFile, problem);
  if (!isDeepStrictEqual(filled, stored)) config.store = filled;
  return config;
}

/** What is wrong with a config, as "key ui.rosterWidth must be integer; ...", or undefined. */
function schemaProblem(data: unknown): string | undefined {
  if (validateConfig(data)) return undefined;
  return (validateConfig.errors ?? [])
    .map((error) => {
      const params = error.params as { additionalProperty?: string; propertyName?: string };
      const parts = error.instancePath.split('/').filter(Boolean);
      const named = params.additionalProperty ?? params.propertyName;
      if (named !== undefined) parts.push(named);
      return `key ${parts.join('.') || '(top level)'} ${error.message ?? 'is invalid'}`;
    })
    .join('; ');
}

function jsonSyntaxError(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined; // absent: conf creates it with the defaults
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'the top level must be a JSON object';
    return undefined;
  } catch (error) {
    return `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
}
