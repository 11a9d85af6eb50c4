import type { Client } from '@xmpp/client-core';
import type { Endpoint } from './endpoints.js';
import { connectionSocket, setService, wrapConnect } from './xmppjs-internals.js';

/**
 * Each (re)connect tries the endpoints in order (DNS SRV, XEP-0368 and RFC 6120 §3.2) and
 * stays with the first that answers; the entity's service names the one in use.
 */
export function connectThroughEndpoints(entity: Client, domain: string, endpoints: () => Promise<Endpoint[]>): void {
  wrapConnect(entity, (connectTo) => async () => {
    let lastError: unknown = new Error(`no address found for ${domain}`);
    for (const endpoint of await endpoints()) {
      const url = `${endpoint.directTls ? 'xmpps' : 'xmpp'}://${endpoint.host}:${endpoint.port}`;
      setService(entity, url);
      try {
        return await connectTo(url);
      } catch (error) {
        lastError = error; // unreachable: the next one (RFC 6120 §3.2.1 step 9)
        await closed(entity);
      }
    }
    throw lastError;
  });
}

/**
 * The failed socket detaches itself on 'close'; let that happen before the next socket is
 * attached, or it would detach the new one.
 */
async function closed(entity: Client): Promise<void> {
  const failed = connectionSocket(entity);
  if (!failed) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 1000);
    failed.once('close', () => (clearTimeout(timer), resolve()));
  });
}
