import { connect, createServer, type Server, type Socket } from 'node:net';
import { pairUp } from './local-server.js';

/**
 * A man in the middle on 127.0.0.1 that forwards to the server but deletes <starttls/> from
 * the stream features it relays (a STARTTLS stripping attack). Resolves with its port.
 */
export async function startStripStarttlsProxy(target: { host: string; port: number }): Promise<{ port: number; sawClientAuth(): boolean; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let clientAuth = false;
  const server: Server = createServer((client) => {
    const upstream = connect(target);
    sockets.add(client).add(upstream);
    client.on('data', (data) => {
      if (/<auth[\s>]/.test(data.toString())) clientAuth = true;
      upstream.write(data);
    });
    upstream.on('data', (data) => client.write(data.toString().replace(/<starttls[^>]*?(\/>|>[\s\S]*?<\/starttls>)/, '')));
    pairUp(client, upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    sawClientAuth: () => clientAuth,
    stop: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
