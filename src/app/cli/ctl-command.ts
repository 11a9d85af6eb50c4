import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { checkControlSocket } from '../screen/control-socket-checks.js';
import { ExitCode } from './exit-codes.js';
import { terminalSafeJson } from './search-command.js';
import { sanitizeText } from '../../domain/sanitize.js';

/**
 * `natter ctl '/command'`: runs a command in the running natter through its control socket
 * and prints the result (text on stdout, or the error on stderr with exit 1); `--events`
 * prints its events as JSON lines until interrupted.
 */
export function runCtl(path: string, request: { command?: string; events: boolean; json: boolean }): Promise<number> {
  const check = checkControlSocket(path);
  if (!check.ok) {
    process.stderr.write(
      check.missing
        ? `natter: no natter is running (nothing listens on ${path})\n`
        : `natter: refused the control socket, nothing was sent: ${check.problem}.\n`,
    );
    return Promise.resolve(ExitCode.failure);
  }
  return new Promise((resolve) => {
    const socket = connect(path);
    let answered = false;
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (answered) return resolve(ExitCode.ok);
      const missing = error.code === 'ENOENT' || error.code === 'ECONNREFUSED';
      process.stderr.write(`natter: ${missing ? `no natter is running (nothing listens on ${path})` : `the control socket failed: ${error.message}`}\n`);
      resolve(ExitCode.failure);
    });
    socket.once('connect', () => {
      socket.write(`${JSON.stringify(request.events ? { events: true } : { id: 1, command: request.command })}\n`);
    });
    const lines = createInterface({ input: socket, crlfDelay: Infinity });
    lines.on('line', (line) => {
      let answer: { ok?: boolean; text?: string; error?: string; event?: string };
      try {
        answer = JSON.parse(line) as typeof answer;
      } catch {
        return;
      }
      if (request.events) {
        if (answer.event) process.stdout.write(`${terminalSafeJson(answer)}\n`);
        // On stderr, so stdout stays events only; scripts can wait for this line.
        else if (answer.ok) process.stderr.write('natter: streaming events; Ctrl-C stops.\n');
        return;
      }
      answered = true;
      if (request.json) process.stdout.write(`${terminalSafeJson(answer)}\n`);
      else if (answer.ok && answer.text) process.stdout.write(`${sanitizeText(answer.text)}\n`);
      else if (!answer.ok) process.stderr.write(`natter: ${sanitizeText(answer.error ?? 'the command failed')}\n`);
      socket.end();
      resolve(answer.ok ? ExitCode.ok : ExitCode.failure);
    });
    socket.once('close', () => resolve(answered || request.events ? ExitCode.ok : ExitCode.failure));
    if (request.events) for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => socket.end());
  });
}
