import { createServer, type Socket } from 'node:net';
import { listenLocally } from './local-server.js';

/**
 * A plain-TCP "XMPP server" on 127.0.0.1 that answers the client's first bytes (its stream
 * header) with `reply`, then `end`s the connection when asked to: a hostile or broken server
 * before STARTTLS. Resolves with its port and a stop.
 */
export async function startPlainFakeServer(reply: string, options: { end?: boolean } = {}): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', () => (options.end ? socket.end(reply) : socket.write(reply)));
  });
  return listenLocally(server, sockets);
}

/** The stream header such a server opens with. */
export const SERVER_STREAM_HEADER = (from: string): string =>
  `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' from='${from}' id='x' version='1.0'>`;
