import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { checkControlSocket } from '../screen/control-socket-checks.js';

/** What the running natter answered to one command. */
export interface RunningAnswer {
  ok: boolean;
  text?: string;
  error?: string;
}

/**
 * Runs one command in the natter that is running for this user, through its control socket
 * (as `natter ctl` does); undefined when none runs (or its socket is refused), so the caller
 * does the work itself. The answer's texts come from that natter: sanitize before printing.
 */
export function askRunningNatter(path: string, command: string): Promise<RunningAnswer | undefined> {
  if (!checkControlSocket(path).ok) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const socket = connect(path);
    let answer: RunningAnswer | undefined;
    socket.once('error', () => resolve(answer));
    socket.once('connect', () => socket.write(`${JSON.stringify({ id: 1, command })}\n`));
    const lines = createInterface({ input: socket, crlfDelay: Infinity });
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as Partial<RunningAnswer>;
        answer = { ok: parsed.ok === true, ...(typeof parsed.text === 'string' ? { text: parsed.text } : {}), ...(typeof parsed.error === 'string' ? { error: parsed.error } : {}) };
      } catch {
        return;
      }
      socket.end();
      resolve(answer);
    });
    socket.once('close', () => resolve(answer));
  });
}
