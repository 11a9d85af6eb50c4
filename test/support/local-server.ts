import type { Server, Socket } from 'node:net';

/**
 * A test server on 127.0.0.1 at a free port, and a stop that destroys the connections it has
 * (`sockets`: the caller adds them) and closes it. For the fake and man-in-the-middle servers.
 */
export async function listenLocally(server: Server, sockets: Set<Socket>): Promise<{ port: number; stop(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Two sockets that live and die together (a proxied connection): an error is ignored, a close closes both. */
export function pairUp(a: Socket, b: Socket): void {
  for (const s of [a, b]) {
    s.on('error', () => undefined);
    s.on('close', () => {
      a.destroy();
      b.destroy();
    });
  }
}
