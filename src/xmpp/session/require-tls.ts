import type { Client } from '@xmpp/client-core';
import { promise } from '@xmpp/events';
import type { Middleware } from '@xmpp/middleware';
import type { StreamFeatures } from '@xmpp/stream-features';
import xml, { type Element } from '@xmpp/xml';
import { TlsRequiredError } from './errors.js';
import { tlsConnectOptions, type TlsPolicy } from './tls-policy.js';
import { VerifyingSocket } from './tls-transport.js';
import { attachSocket, connectionSocket } from './xmppjs-internals.js';

const NS_TLS = 'urn:ietf:params:xml:ns:xmpp-tls';
const NS_STREAMS = 'http://etherx.jabber.org/streams';

/**
 * TLS or nothing. Registered before any other stream feature, so it sees <stream:features/>
 * first: a clear connection whose features lack <starttls/> (none offered, or stripped on the
 * way: RFC 6120 §13.1) is refused here, or the client would wait forever for features a
 * server that requires TLS never sends. Offered, STARTTLS runs with natter's trust policy.
 */
export function requireTls(deps: { middleware: Middleware<Client>; streamFeatures: StreamFeatures<Client>; policy: TlsPolicy; host: string; where: string; stop(): void }): void {
  const { policy, host, where, stop } = deps;
  deps.middleware.use(async (ctx, next) => {
    const stanza = ctx.stanza as Element;
    if (stanza.is('features', NS_STREAMS) && !ctx.entity.isSecure() && !stanza.getChild('starttls', NS_TLS)) {
      stop();
      ctx.entity.emit('error', new TlsRequiredError(where));
      await ctx.entity.disconnect().catch(() => undefined);
      return undefined;
    }
    return next();
  });
  // RFC 6120 §5.4.3.3: on <proceed/> "the parties MUST attempt to complete the TLS
  // negotiation", here with our trust policy instead of @xmpp/starttls's bare defaults.
  deps.streamFeatures.use('starttls', NS_TLS, async ({ entity: e }, next) => {
    if (e.isSecure()) return next();
    const answer = await e.sendReceive(xml('starttls', { xmlns: NS_TLS }));
    if (!answer.is('proceed', NS_TLS)) throw new Error('the server refused STARTTLS');
    const secured = new VerifyingSocket(policy);
    secured.connect({ socket: connectionSocket(e), host, ...tlsConnectOptions(policy) });
    await promise(secured, 'connect', 'error');
    attachSocket(e, secured);
    await e.restart();
  });
}
