import { homedir } from 'node:os';
import { join } from 'node:path';

/** XDG base directories (https://specifications.freedesktop.org/basedir-spec/latest/). */
export interface NatterPaths {
  configDir: string;
  configFile: string;
  dataDir: string;
  stateDir: string;
  /** Things natter can fetch again (avatars, by hash): $XDG_CACHE_HOME/natter. */
  cacheDir: string;
  runtimeDir: string | undefined;
  /**
   * Where the control socket lives: the runtime dir, else (the basedir spec: "applications
   * should fall back to a replacement directory with similar capabilities") `run` in the state
   * dir, which is the user's own. Never the shared temp dir, where another local user can
   * create the directory first and receive what `natter ctl` sends.
   */
  controlDir: string;
}

export function natterPaths(env: NodeJS.ProcessEnv = process.env): NatterPaths {
  const home = env.HOME ?? homedir();
  const base = (name: string, fallback: string): string => {
    const value = env[name];
    // The spec says relative paths are invalid and must be ignored.
    return value && value.startsWith('/') ? value : join(home, fallback);
  };
  const configDir = join(base('XDG_CONFIG_HOME', '.config'), 'natter');
  const stateDir = join(base('XDG_STATE_HOME', '.local/state'), 'natter');
  const runtimeDir = env.XDG_RUNTIME_DIR?.startsWith('/') ? join(env.XDG_RUNTIME_DIR, 'natter') : undefined;
  return {
    configDir,
    configFile: join(configDir, 'config.json'),
    dataDir: join(base('XDG_DATA_HOME', '.local/share'), 'natter'),
    stateDir,
    cacheDir: join(base('XDG_CACHE_HOME', '.cache'), 'natter'),
    runtimeDir,
    controlDir: runtimeDir ?? join(stateDir, 'run'),
  };
}
