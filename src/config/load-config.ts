import { readFileSync } from 'node:fs';
import Conf from 'conf';
import type { NatterPaths } from './paths.js';
import { configSchema, type NatterConfig } from './schema.js';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`natter: the config file ${file} is invalid: ${detail}.\nFix it with an editor (natter left the file unchanged).`);
    this.name = 'ConfigError';
  }
}

export type ConfigStore = Conf<NatterConfig>;

/**
 * Opens the config through conf, which validates it against the JSON schema. A file that
 * does not parse or does not validate gives one ConfigError naming the file and the key;
 * it is never rewritten (conf only writes when a value is set).
 */
export function loadConfig(paths: NatterPaths): ConfigStore {
  const syntax = jsonSyntaxError(paths.configFile);
  if (syntax) throw new ConfigError(paths.configFile, syntax);
  try {
    return new Conf<NatterConfig>({
      cwd: paths.configDir,
      configName: 'config',
      projectName: 'natter',
      schema: configSchema,
      clearInvalidConfig: false,
      configFileMode: 0o600,
    });
  } catch (error) {
    throw new ConfigError(paths.configFile, describeSchemaError(error));
  }
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

/** conf reports "Config schema violation: `ui/rosterWidth` must be integer; ..." */
function describeSchemaError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const body = message.replace(/^Config schema violation:\s*/, '');
  return body
    .split('; ')
    .map((part) => part.replace(/`([^`]*)`/, (_m, key: string) => `key ${key.replace(/^\//, '').replaceAll('/', '.') || '(top level)'}`))
    .join('; ');
}
