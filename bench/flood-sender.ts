// The peer that sends the floods, in a worker thread of its own. Sending 5,000 messages keeps
// an event loop busy for seconds; on the bench's main thread it delayed the reading of the
// client's terminal, and a keystroke's echo was timed when the bench got round to seeing it
// (up to 35 ms late, for every client alike), not when the client drew it.
// By default a flood is written 100 serialized stanzas at a time ('batched'): the server's
// routing sets the flood's pace either way (the same routing time, A/B), but xmpp.js's send,
// one stanza, one promise and one TLS write at a time, kept most of a core busy on the
// 2-core machine, and a kernel scheduler trace showed the pty's kernel worker waiting up to
// 87 ms behind it and its garbage collector: every client's keystrokes were delayed by the
// bench's own load. 'xmppjs' keeps the old sender, for comparison.
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ProsodyAccount, ProsodyInfo } from '../test/support/prosody.js';
import { connectPeer } from '../test/support/xmpp-peer.js';

type Request = { id: number; to: string; bodies: string[] } | { id: number; stop: true };

export interface FloodSender {
  /** Sends each body to `to`, in order, as fast as the connection takes them. */
  send(to: string, bodies: string[]): Promise<void>;
  stop(): Promise<void>;
}

export type SenderKind = 'batched' | 'xmppjs';

export async function startFloodSender(info: ProsodyInfo, account: ProsodyAccount, kind: SenderKind = 'batched'): Promise<FloodSender> {
  const { host, domain, c2sPort, directTlsPort, httpPort, httpsPort, caFile, caPem, configFile, dir } = info;
  const worker = new Worker(fileURLToPath(import.meta.url), {
    workerData: { info: { host, domain, c2sPort, directTlsPort, httpPort, httpsPort, caFile, caPem, configFile, dir }, account: { ...account }, batched: kind === 'batched' },
  });
  const answers = new Map<number, { resolve(): void; reject(error: Error): void }>();
  let failed: Error | undefined;
  worker.on('message', (message: { id: number; error?: string }) => {
    const waiting = answers.get(message.id);
    answers.delete(message.id);
    if (message.error) waiting?.reject(new Error(message.error));
    else waiting?.resolve();
  });
  worker.on('error', (error) => {
    failed = error;
    for (const waiting of answers.values()) waiting.reject(error);
    answers.clear();
  });
  let serial = 0;
  const request = (body: Omit<Request, 'id'>): Promise<void> =>
    new Promise((resolve, reject) => {
      if (failed) return reject(failed);
      const id = ++serial;
      answers.set(id, { resolve, reject });
      worker.postMessage({ ...body, id });
    });
  await new Promise<void>((resolve, reject) => answers.set(0, { resolve, reject }));
  return {
    send: (to, bodies) => request({ to, bodies }),
    async stop() {
      await request({ stop: true }).catch(() => undefined);
      await worker.terminate();
    },
  };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const { info, account, batched } = workerData as { info: ProsodyInfo; account: ProsodyAccount; batched: boolean };
  try {
    const peer = await connectPeer(info, account);
    port.on('message', (request: Request) => {
      void (async () => {
        try {
          if ('stop' in request) await peer.stop();
          else if (batched && request.bodies.length > 1) await peer.sendBatch(request.to, request.bodies);
          else for (const body of request.bodies) await peer.send(request.to, body);
          port.postMessage({ id: request.id });
        } catch (error) {
          port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
        }
      })();
    });
    port.postMessage({ id: 0 });
  } catch (error) {
    port.postMessage({ id: 0, error: `flood sender could not log in: ${error instanceof Error ? error.message : String(error)}` });
  }
}
