import { connect, createServer, type Socket } from 'node:net';

/** A plain TCP relay on 127.0.0.1 whose connections a test can cut, like a dropped link. */
export async function startTcpProxy(target: { host: string; port: number }) {
  const pairs = new Set<[Socket, Socket]>();
  let accepted = 0;
  let held: false | 'up' | 'down' | 'both' = false;
  const server = createServer((client) => {
    accepted++;
    const upstream = connect(target);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    if (held !== 'both' && held !== 'up') client.pipe(upstream);
    if (held !== 'down' && held !== 'both') upstream.pipe(client);
    for (const s of pair) {
      s.on('error', () => undefined);
      s.on('close', () => {
        client.destroy();
        upstream.destroy();
        pairs.delete(pair);
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    accepted: () => accepted,
    /**
     * A stalled link: what the server sends (`down`), what the client sends (`up`), or what
     * either side sends (`both`), waits here and reaches nobody until release().
     */
    hold(direction: 'up' | 'down' | 'both' = 'down'): void {
      held = direction;
      for (const [client, upstream] of pairs) {
        if (direction !== 'up') upstream.unpipe(client);
        if (direction !== 'down') client.unpipe(upstream);
      }
    },
    release(): void {
      for (const [client, upstream] of pairs) {
        if (held !== 'up') upstream.pipe(client);
        if (held !== 'down') client.pipe(upstream);
      }
      held = false;
    },
    /** Destroys every open connection (both directions) at once. */
    cut(): void {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const [a, b] of pairs) {
          a.destroy();
          b.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
