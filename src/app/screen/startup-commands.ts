import { existsSync } from 'node:fs';
import type { CommandRunner } from '../../client/runner/command-runner.js';
import { settled } from '../../client/account/settled.js';
import type { NatterEvent } from '../../domain/events.js';
import { CONSOLE_TAB_ID } from '../../domain/tab.js';
import type { Store } from '../../store/create-store.js';
import type { Startup } from '../cli/cli.js';

export interface StartupDeps {
  store: Store;
  controller: Pick<CommandRunner, 'run' | 'runFile' | 'withoutSecrets'>;
  /** The account the commands act on (a command without an account uses the default one). */
  defaultJid(): string | undefined;
  /** $XDG_CONFIG_HOME/natter/startup (run when it exists). */
  startupFile: string;
  startup?: Startup | undefined;
}

/**
 * The commands natter runs by itself: the startup file after every login of the default
 * account, and this run's --script and --cmd (in the order given) once, after its first login
 * (or its first failure, so that their errors are seen).
 *
 * A login is the first session since natter started or since the account was disconnected
 * (/disconnect, then /connect; /account add). A reconnect natter makes by itself is not one:
 * natter restores that session itself (rooms joined again, presence, carbons, messages still
 * to send), so the file's /join would join twice and its /msg be sent twice.
 */
export function startupCommands(deps: StartupDeps) {
  const { store, controller } = deps;
  const loggedIn = new Set<string>();
  // One thing at a time: a login while the file still runs queues it after.
  let queue: Promise<boolean> = Promise.resolve(true);
  /** False when the file stopped at an error. */
  const runStartupFile = async (): Promise<boolean> => !existsSync(deps.startupFile) || (await controller.runFile(deps.startupFile)).ok;
  return {
    /** natter's events (connection changes): a login of the default account runs the startup file. */
    onEvent(event: NatterEvent): void {
      if (event.event !== 'connection') return;
      if (event.state === 'offline') loggedIn.delete(event.account);
      if (event.state !== 'online' || loggedIn.has(event.account)) return;
      loggedIn.add(event.account);
      if (event.account === deps.defaultJid()) queue = queue.then(runStartupFile, runStartupFile);
    },
    /** --script and --cmd, after the startup file of the first login; a failure stops the rest (and says so). */
    async afterFirstLogin(): Promise<void> {
      const jid = deps.defaultJid();
      if (jid) await settled(store, jid);
      // The login's own event has queued the startup file by now: it runs first, and its error stops them.
      if (!(await queue)) return;
      const steps = deps.startup?.steps ?? [];
      for (const [index, step] of steps.entries()) {
        const result = 'script' in step ? await controller.runFile(step.script) : await controller.run(step.cmd.trim());
        if (result.ok) continue;
        const rest = steps.length - index - 1;
        const what = 'script' in step ? `--script stopped: ${rest} command(s) after ${step.script}` : `--cmd stopped: ${rest} command(s) after "${controller.withoutSecrets(step.cmd).shown}"`;
        if (rest > 0) store.dispatch({ type: 'line/append', tabId: CONSOLE_TAB_ID, kind: 'error', text: `${what} were not run.` });
        return;
      }
    },
  };
}
