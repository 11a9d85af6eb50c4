import type { Client } from '@xmpp/client-core';

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

/** A net.Socket (plain TCP, STARTTLS) or @xmpp/tls's wrapper around a tls.TLSSocket. */
function destroySocket(entity: Client): void {
  type Raw = { destroy?: () => void; socket?: { destroy(): void } | null };
  const outer = (entity as unknown as { socket?: Raw | null }).socket;
  if (typeof outer?.destroy === 'function') outer.destroy();
  else outer?.socket?.destroy();
}
