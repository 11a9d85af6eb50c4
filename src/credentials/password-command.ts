import { spawn } from 'node:child_process';

export const PASSWORD_COMMAND_TIMEOUT_MS = 10_000;

export class PasswordCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PasswordCommandError';
  }
}

/**
 * Runs the account's password command (e.g. `pass show xmpp/alice`) through `/bin/sh -c`,
 * as Profanity's eval_password does, and returns the first line of its stdout. The password
 * never appears in an argv or an error message; the command's stderr is shown when it fails.
 */
export function runPasswordCommand(command: string, timeoutMs = PASSWORD_COMMAND_TIMEOUT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes <= 64 * 1024) out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new PasswordCommandError(`the password command did not finish within ${timeoutMs / 1000} s: ${command}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new PasswordCommandError(`the password command could not start (${error.message}): ${command}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8').trim().slice(0, 500);
      if (code !== 0) {
        const how = signal ? `was killed by ${signal}` : `exited with ${code}`;
        reject(new PasswordCommandError(`the password command ${how}: ${command}${stderr ? `\n${stderr}` : ''}`));
        return;
      }
      const first = Buffer.concat(out).toString('utf8').split(/\r?\n/)[0] ?? '';
      if (first === '') reject(new PasswordCommandError(`the password command printed nothing: ${command}`));
      else resolve(first);
    });
  });
}
