import { spawn } from 'node:child_process';
import type { HooksConfig } from '../config/schema.js';
import { sanitizeLine } from '../domain/sanitize.js';

export const HOOK_TIMEOUT_MS = 10_000;
const MAX_OUTPUT = 2000;

type Event = Record<string, unknown> & { event: string };

/**
 * Event hooks from the config: `"hooks": {"message": ["notify-send", "natter"]}` runs the
 * program with its arguments and the event in the environment (NATTER_EVENT, NATTER_ACCOUNT,
 * NATTER_PEER, NATTER_BODY, NATTER_STATE...), never through a shell, so a message body can
 * not inject a command. A hook that runs over 10 s is killed; its output and failures go to
 * the console tab.
 */
export function createHooks(
  hooks: HooksConfig,
  report: (kind: 'info' | 'error', text: string) => void,
  timeoutMs = HOOK_TIMEOUT_MS,
  /** Runs before a hook's program starts: the history commits, so a hook that reads it finds the message. */
  beforeRun: () => void = () => undefined,
) {
  return (event: Event): void => {
    // Room chatter would run the message hook all day: rooms have the highlight hook (a message naming you).
    if (event.event === 'message' && (event.direction !== 'in' || (event.room !== undefined && event.private !== true))) return;
    const command = hooks[event.event as keyof HooksConfig];
    const [program, ...args] = command ?? [];
    if (!program) return;
    const env: Record<string, string> = { ...(process.env as Record<string, string>) };
    for (const [key, value] of Object.entries(event)) {
      if (value !== undefined && value !== null) env[`NATTER_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`] = String(value);
    }
    beforeRun();
    const child = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    let output = '';
    const take = (chunk: Buffer): void => {
      if (output.length < MAX_OUTPUT) output += chunk.toString('utf8');
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      report('error', `hook ${event.event}: ${program} could not run (${error.message})`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const text = sanitizeLine(output.trim().slice(0, MAX_OUTPUT));
      if (signal === 'SIGKILL') report('error', `hook ${event.event}: ${program} ran over ${timeoutMs / 1000} s and was stopped`);
      else if (code !== 0) report('error', `hook ${event.event}: ${program} exited with ${code}${text ? `: ${text}` : ''}`);
      else if (text) report('info', `hook ${event.event}: ${text}`);
    });
  };
}
