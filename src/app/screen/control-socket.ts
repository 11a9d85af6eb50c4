import { chmodSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import type { CommandResult } from '../../commands/types.js';
import { foreignSocket, privateDirProblem, socketPathProblem } from './control-socket-checks.js';
import type { NatterEvent } from '../../domain/events.js';

/** Where the control socket of this user's running natter lives (`controlDir` of natterPaths). */
export function controlSocketPath(controlDir: string): string {
  return join(controlDir, 'ctl.sock');
}

/** An event a `natter ctl --events` client receives, one JSON object per line. */
export type ControlEvent = NatterEvent;

const MAX_LINE = 64 * 1024;
/** A reader that lets this much pile up is dropped, so a slow reader never holds natter back. */
const MAX_BACKLOG = 1024 * 1024;

/**
 * The control socket: a Unix socket (dir 0700, socket 0600) where `natter ctl` runs commands
 * in this natter and reads its events. JSON lines in both directions: {"id", "command"} →
 * {"id", "ok", "text"|"error"}; {"events": true} → a stream of events. Garbage gets an error
 * answer; natter keeps running.
 */
export async function startControlSocket(
  path: string,
  run: (line: string) => Promise<CommandResult>,
): Promise<{ publish(event: ControlEvent): void; listening(): boolean; close(): Promise<void> }> {
  const tooLong = socketPathProblem(path);
  if (tooLong) throw new Error(tooLong);
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const problem = privateDirProblem(dir, lstatSync(dir), { modeToo: false });
  if (problem) throw new Error(problem);
  chmodSync(dir, 0o700); // made open by hand: private again (natter ctl refuses an open one)
  // Put there by another user while the directory was open: removed, never talked to.
  if (foreignSocket(path)) unlinkSync(path);
  if (await isLive(path)) throw new Error(`another natter is already listening on ${path}; this one has no control socket`);
  try {
    unlinkSync(path); // a stale socket from a natter that did not exit cleanly
  } catch {
    // none
  }
  const listeners = new Set<Socket>();
  const server: Server = createServer((socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('error', () => listeners.delete(socket));
    socket.on('close', () => listeners.delete(socket));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.length > MAX_LINE && !buffer.includes('\n')) {
        reply(socket, { ok: false, error: `a request line is limited to ${MAX_LINE} bytes` });
        socket.destroy();
        return;
      }
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line !== '') void handle(socket, line);
      }
    });
  });
  const handle = async (socket: Socket, line: string): Promise<void> => {
    let request: { id?: unknown; command?: unknown; events?: unknown };
    try {
      request = JSON.parse(line) as typeof request;
      if (typeof request !== 'object' || request === null) throw new Error('not an object');
    } catch {
      reply(socket, { ok: false, error: 'each request is one JSON object per line, e.g. {"command":"/account list"}' });
      return;
    }
    const id = request.id;
    if (request.events === true) {
      listeners.add(socket);
      reply(socket, { id, ok: true, text: 'streaming events' });
      return;
    }
    if (typeof request.command !== 'string' || !request.command.startsWith('/')) {
      reply(socket, { id, ok: false, error: 'the request needs "command": "/something" or "events": true' });
      return;
    }
    const result = await run(request.command);
    reply(socket, result.ok ? { id, ok: true, ...(result.text ? { text: result.text } : {}), ...(result.data === undefined ? {} : { data: result.data }) } : { id, ok: false, error: result.error });
  };
  const reply = (socket: Socket, value: object): void => {
    if (socket.destroyed) return;
    if (socket.writableLength > MAX_BACKLOG) {
      socket.destroy(); // it stopped reading: drop it rather than buffer without end
      return;
    }
    socket.write(`${JSON.stringify(value)}\n`);
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return {
    publish(event) {
      for (const socket of listeners) reply(socket, event);
    },
    /** Whether any `natter ctl --events` is connected to hear an event. */
    listening: () => listeners.size > 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of listeners) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function isLive(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
