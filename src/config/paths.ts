import { homedir } from 'node:os';
import { join } from 'node:path';

/** XDG base directories (https://specifications.freedesktop.org/basedir-spec/latest/). */
export interface NatterPaths {
  configDir: string;
  configFile: string;
  dataDir: string;
  stateDir: string;
  runtimeDir: string | undefined;
}

export function natterPaths(env: NodeJS.ProcessEnv = process.env): NatterPaths {
  const home = env.HOME ?? homedir();
  const base = (name: string, fallback: string): string => {
    const value = env[name];
    // The spec says relative paths are invalid and must be ignored.
    return value && value.startsWith('/') ? value : join(home, fallback);
  };
  const configDir = join(base('XDG_CONFIG_HOME', '.config'), 'natter');
  return {
    configDir,
    configFile: join(configDir, 'config.json'),
    dataDir: join(base('XDG_DATA_HOME', '.local/share'), 'natter'),
    stateDir: join(base('XDG_STATE_HOME', '.local/state'), 'natter'),
    runtimeDir: env.XDG_RUNTIME_DIR?.startsWith('/') ? join(env.XDG_RUNTIME_DIR, 'natter') : undefined,
  };
}
