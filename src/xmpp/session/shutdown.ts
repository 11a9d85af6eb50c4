import type { Client } from '@xmpp/client-core';
import { destroySocket } from './xmppjs-internals.js';

/**
 * Leaves for good, and soon: a polite close (</stream:stream>, wait for the server's) when a
 * session is up, bounded by `limitMs`; mid-login, or when the polite close stalls (a socket in
 * the middle of its TLS upgrade never calls back), the socket is destroyed instead.
 */
export async function shutdownClient(entity: Client, stopRetrying: () => void, limitMs = 1000): Promise<void> {
  stopRetrying();
  if (entity.status !== 'online') {
    destroySocket(entity);
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), limitMs)));
  const outcome = await Promise.race([entity.stop().then(() => 'done' as const, () => 'done' as const), late]);
  clearTimeout(timer);
  if (outcome === 'late') destroySocket(entity);
}
