import { Client, jid as makeJid } from '@xmpp/client-core';
import { promise } from '@xmpp/events';
import iqCallee from '@xmpp/iq/callee.js';
import iqCaller from '@xmpp/iq/caller.js';
import middlewareFactory from '@xmpp/middleware';
import reconnectFactory from '@xmpp/reconnect';
import resourceBinding from '@xmpp/resource-binding';
import sasl from '@xmpp/sasl';
import streamFeaturesFactory from '@xmpp/stream-features';
import streamManagementFactory from '@xmpp/stream-management';
import xml, { type Element } from '@xmpp/xml';
import SASLFactory from 'saslmechanisms';
import { AuthenticationError, DowngradeError, IqAbortedError, NoPasswordError, ServerProofError, TlsRequiredError, UnverifiedConnectionError } from './errors.js';
import { guardInput } from './input-guard.js';
import { boundedTcpTransport } from './tcp-transport.js';
import { PlainMechanism } from './sasl-plain.js';
import { reconnectDelay } from './backoff.js';
import { resolveEndpoints, type Endpoint } from './endpoints.js';
import { registerAccount } from '../features/register/register.js';
import { scramMechanism } from './scram.js';
import { verifyingTransport, VerifyingSocket } from './tls-transport.js';
import { tlsConnectOptions, type TlsPolicy } from './tls-policy.js';

export interface CreateClientOptions {
  /** Bare JID of the account. */
  jid: string;
  resource?: string;
  host?: string;
  port?: number;
  directTls?: boolean;
  /** Extra trust anchors (PEM) for this connection only, never process-wide. */
  caPem?: string[];
  pinnedFingerprints?: string[];
  /** The strongest SASL mechanism this account used before: anything weaker is refused. */
  pinnedMechanism?: string;
  /**
   * Where to connect when no host is given; default: DNS SRV (XEP-0368 and RFC 6120 §3.2),
   * then the domain. Each endpoint is tried in order on every (re)connect.
   */
  endpoints?: () => Promise<Endpoint[]>;
  /** XEP-0077: create the account (with the password from getPassword) before logging in. */
  register?: boolean;
  /** Called once per login attempt, just in time; nothing keeps the password after it. */
  getPassword(): Promise<string>;
}

const NS_TLS = 'urn:ietf:params:xml:ns:xmpp-tls';

/** Failures that another attempt can not fix: the client stops reconnecting after them. */
export const FINAL_ERRORS = new Set(['AuthenticationError', 'CertificateError', 'TlsRequiredError', 'UnverifiedConnectionError', 'DowngradeError', 'NoPasswordError', 'ServerProofError', 'RegistrationError', 'ScramIterationsError']);

const STRENGTH: Record<string, number> = { PLAIN: 1, 'SCRAM-SHA-1': 2, 'SCRAM-SHA-256': 3 };

/** Ranks the mechanisms natter supports; an unknown name ranks lowest. */
export function mechanismStrength(name: string): number {
  return STRENGTH[name] ?? 0;
}
const NS_STREAMS = 'http://etherx.jabber.org/streams';
const NS_SM = 'urn:xmpp:sm:3';
const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';

/**
 * An xmpp.js client composed from its packages (as @xmpp/client does) with natter's own TLS
 * and SASL: the certificate is verified for the XMPP domain against the system CAs plus the
 * account's CA (or a pin), TLS is required, and SCRAM runs on node:crypto.
 */
/** @xmpp/stream-management 0.14 is an EventEmitter; its published types omit the events. */
export interface StreamManagementEvents {
  enabled: boolean;
  id: string;
  outbound_q: { stanza: Element }[];
  on(event: 'ack' | 'fail', listener: (stanza: Element) => void): unknown;
  on(event: 'resumed', listener: () => void): unknown;
}

export function createXmppClient(options: CreateClientOptions) {
  const [local = '', domain = ''] = options.jid.split('@');
  const host = options.host ?? domain;
  const port = options.port ?? (options.directTls ? 5223 : 5222);
  const service = `${options.directTls ? 'xmpps' : 'xmpp'}://${host}:${port}`;
  const policy: TlsPolicy = {
    domain,
    ...(options.caPem ? { ca: options.caPem } : {}),
    ...(options.pinnedFingerprints ? { pins: options.pinnedFingerprints } : {}),
  };

  const entity = new Client({ service, domain, timeout: 10_000 });
  if (options.host === undefined || options.endpoints) {
    const endpoints = options.endpoints ?? (() => resolveEndpoints(domain));
    const connectTo = entity.connect.bind(entity);
    entity.connect = async () => {
      let lastError: unknown = new Error(`no address found for ${domain}`);
      for (const endpoint of await endpoints()) {
        const url = `${endpoint.directTls ? 'xmpps' : 'xmpp'}://${endpoint.host}:${endpoint.port}`;
        entity.options.service = url;
        try {
          return await connectTo(url);
        } catch (error) {
          lastError = error; // unreachable: the next one (RFC 6120 §3.2.1 step 9)
          // The failed socket detaches itself on 'close'; let that happen before the next
          // socket is attached, or it would detach the new one.
          const failed = (entity as unknown as { socket?: { once(event: 'close', fn: () => void): void } | null }).socket;
          if (failed) await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 1000);
            failed.once('close', () => (clearTimeout(timer), resolve()));
          });
        }
      }
      throw lastError;
    };
  }
  entity.jid = makeJid(local, domain);
  const reconnect = reconnectFactory({ entity });
  let retrying = true;
  const stopRetrying = reconnect.stop.bind(reconnect);
  reconnect.stop = () => {
    retrying = false;
    stopRetrying();
  };
  guardInput(entity);
  type Transport = (typeof entity.transports)[number];
  entity.transports.push(boundedTcpTransport() as unknown as Transport, verifyingTransport(policy) as unknown as Transport);
  const middleware = middlewareFactory({ entity });
  // Registered before the stream-features handlers, so it sees <stream:features/> first.
  // A clear connection whose features lack <starttls/> (none offered, or stripped on the
  // way: RFC 6120 §13.1) is refused here; otherwise the client would wait forever for
  // features a server that requires TLS never sends.
  middleware.use(async (ctx: { stanza: Element; entity: typeof entity }, next: () => Promise<unknown>) => {
    const { stanza } = ctx;
    if (stanza.is('features', NS_STREAMS) && !ctx.entity.isSecure() && !stanza.getChild('starttls', NS_TLS)) {
      reconnect.stop();
      const error = new TlsRequiredError(`${host}:${port}`);
      ctx.entity.emit('error', error);
      await ctx.entity.disconnect().catch(() => undefined);
      return undefined;
    }
    return next();
  });
  const streamFeatures = streamFeaturesFactory({ middleware });
  const caller = iqCaller({ middleware, entity });
  const callee = iqCallee({ middleware, entity });

  // RFC 6120 §5.4.3.3: on <proceed/> "the parties MUST attempt to complete the TLS
  // negotiation", here with our trust policy instead of @xmpp/starttls's bare defaults.
  streamFeatures.use('starttls', NS_TLS, async ({ entity: e }: { entity: typeof entity }, next: () => Promise<void>) => {
    if (e.isSecure()) return next();
    const answer = await e.sendReceive(xml('starttls', { xmlns: NS_TLS }));
    if (!answer.is('proceed', NS_TLS)) throw new Error('the server refused STARTTLS');
    const secured = new VerifyingSocket(policy);
    secured.connect({ socket: e.socket, host, ...tlsConnectOptions(policy) });
    await promise(secured, 'connect', 'error');
    (e as unknown as { _attachSocket(socket: unknown): void })._attachSocket(secured);
    await e.restart();
  });

  const saslFactory = new SASLFactory();
  // Factory order is preference order: the strongest mechanism offered wins.
  saslFactory.use('SCRAM-SHA-256', scramMechanism('SCRAM-SHA-256', 'sha256'));
  saslFactory.use('SCRAM-SHA-1', scramMechanism('SCRAM-SHA-1', 'sha1'));
  saslFactory.use('PLAIN', PlainMechanism);
  let mechanism: string | undefined;
  // @xmpp/sasl ignores the additional data of <success/>, where a SCRAM server sends its
  // signature (RFC 6120 §6.4.6, RFC 5802 §5.1 v=). Keep the mechanism it creates and hand it
  // that data, so the server proves it knows the password too.
  type Mechanism = { verify?(serverFinal: string): void; serverVerified?: boolean };
  let current: Mechanism | undefined;
  let serverProof: Error | undefined;
  const factory = saslFactory as unknown as { create(names: string[]): Mechanism };
  const create = factory.create.bind(factory);
  factory.create = (names) => {
    current = create(names);
    serverProof = undefined;
    return current;
  };
  entity.on('nonza', (element: Element) => {
    if (!element.is('success', NS_SASL) || !current?.verify || current.serverVerified) return;
    const data = element.text();
    if (!data || data === '=') return;
    try {
      current.verify(Buffer.from(data, 'base64').toString('utf8'));
    } catch (error) {
      serverProof = error instanceof Error ? error : new Error(String(error));
    }
  });
  type Authenticate = (credentials: { username: string; password: string }, mechanism: string) => Promise<void>;
  const onAuthenticate = async (authenticate: Authenticate, mechanisms: string[], _fast: unknown, e: typeof entity) => {
    // Reaching SASL on a clear connection means STARTTLS was not offered (or was stripped).
    if (!e.isSecure()) {
      reconnect.stop();
      throw new TlsRequiredError(`${host}:${port}`);
    }
    // No credential leaves unless the socket is TLS whose peer natter verified itself.
    const socket = (e as unknown as { socket: unknown }).socket;
    if (!(socket instanceof VerifyingSocket && socket.verified)) {
      reconnect.stop();
      throw new UnverifiedConnectionError(`${host}:${port}`);
    }
    const chosen = mechanisms[0];
    if (!chosen) throw new Error('the server offers no SASL mechanism natter supports');
    const pinned = options.pinnedMechanism;
    if (pinned && mechanismStrength(chosen) < mechanismStrength(pinned)) {
      reconnect.stop();
      throw new DowngradeError(options.jid, chosen, pinned);
    }
    let password: string;
    try {
      password = await options.getPassword();
    } catch (error) {
      reconnect.stop(); // asking again every few seconds would be a prompt loop
      throw new NoPasswordError(options.jid, error instanceof Error ? error.message : String(error));
    }
    if (options.register) {
      await registerAccount(caller, domain, local, password).catch((error: unknown) => {
        reconnect.stop();
        throw error;
      });
    }
    try {
      await authenticate({ username: local, password }, chosen);
      if (current?.verify && !current.serverVerified) {
        reconnect.stop();
        throw new ServerProofError(options.jid, serverProof?.message ?? 'the server sent no signature');
      }
      mechanism = chosen;
    } catch (error) {
      if ((error as { name?: string }).name === 'SASLError') {
        reconnect.stop(); // xmpp.js #588: it would retry a wrong password forever
        throw new AuthenticationError(options.jid, String((error as { condition?: string }).condition ?? 'not-authorized'));
      }
      throw error;
    }
  };
  (sasl as unknown as (deps: object, fn: typeof onAuthenticate) => void)({ streamFeatures, saslFactory }, onAuthenticate);
  // 'online' fires inside resource binding, before XEP-0198 is enabled: a stanza sent from an
  // 'online' listener can land in the SM queue before <enable/> and trip xmpp.js's "queue
  // should be empty after enable" assertion (an unhandled rejection). So natter starts its
  // session work on 'session-ready', emitted once the SM negotiation (which wraps binding,
  // registered first as in @xmpp/client) has finished, or at 'online' when SM is not offered.
  let ready = false;
  let inStreamManagement = false;
  let freshOnline = false;
  streamFeatures.use('sm', NS_SM, async (_ctx: unknown, next: () => Promise<void>) => {
    inStreamManagement = true;
    try {
      await next();
    } finally {
      inStreamManagement = false;
      if (freshOnline) {
        freshOnline = false;
        ready = true;
        entity.emit('session-ready');
      }
    }
  });
  const streamManagement = (streamManagementFactory as unknown as (deps: object) => StreamManagementEvents)({ streamFeatures, entity, middleware });
  resourceBinding({ iqCaller: caller, streamFeatures }, options.resource ?? `natter-${process.pid}`);
  entity.on('online', () => {
    if (inStreamManagement) freshOnline = true;
    else {
      ready = true;
      entity.emit('session-ready');
    }
  });
  streamManagement.on('resumed', () => {
    ready = true;
  });
  entity.on('disconnect', () => {
    ready = false;
  });

  // Pending IQs are never left hanging (they would wait 30 s for their timeout). A stream
  // that will be resumed keeps them: xmpp.js resends unacknowledged stanzas and the answer
  // comes. Otherwise, and when a fresh session replaces a lost one, they fail at once.
  const pending = (caller as unknown as { handlers: Map<string, { reject(error: Error): void }> }).handlers;
  const abortPending = (reason: string): void => {
    for (const [id, deferred] of pending) {
      pending.delete(id);
      deferred.reject(new IqAbortedError(reason));
    }
  };
  entity.on('disconnect', () => {
    if (!retrying || !streamManagement.id) abortPending('the connection dropped before the answer came');
  });
  entity.on('online', () => abortPending('the session was replaced by a new one before the answer came'));
  // An IQ asked for after the link is gone would wait its whole 30 s timeout (and keep a
  // stopping natter alive that long): fail it at once instead.
  const request = caller.request.bind(caller);
  caller.request = (stanza: Element, timeout?: number) =>
    ['offline', 'disconnect', 'disconnecting', 'closing'].includes(entity.status)
      ? Promise.reject(new IqAbortedError(`not connected (${entity.status}); nothing was asked`))
      : request(stanza, timeout);
  entity.on('offline', () => abortPending('natter went offline before the answer came'));

  // Backoff: @xmpp/reconnect reads `delay` when it schedules, so set the next one ahead.
  let attempt = 0;
  reconnect.delay = reconnectDelay(1);
  reconnect.on('reconnecting', () => {
    attempt++;
    reconnect.delay = reconnectDelay(attempt + 1);
  });
  // A resumed stream is as good as a fresh one: the next drop starts again from 1 s. (A
  // resumption emits no 'online', so without this the delay grew with every resumed drop.)
  const resetBackoff = (): void => {
    attempt = 0;
    reconnect.delay = reconnectDelay(1);
  };
  entity.on('online', resetBackoff);
  streamManagement.on('resumed', resetBackoff);
  entity.on('disconnect', () => {
    // Runs after @xmpp/reconnect's own listener (registered first), which has just
    // scheduled the attempt with the current delay.
    if (retrying) entity.emit('reconnect-scheduled', { attempt: attempt + 1, retryAt: Date.now() + reconnect.delay });
  });

  entity.on('error', (error: Error) => {
    if (FINAL_ERRORS.has(error.name)) reconnect.stop();
  });

  /**
   * Leaves for good, and soon: a polite close (</stream:stream>, wait for the server's) when a
   * session is up, bounded by `limitMs`; mid-login, or when the polite close stalls (a socket
   * in the middle of its TLS upgrade never calls back), the socket is destroyed instead.
   */
  const shutdown = async (limitMs = 1000): Promise<void> => {
    reconnect.stop();
    // A net.Socket (plain TCP, STARTTLS) or @xmpp/tls's wrapper around a tls.TLSSocket.
    type Raw = { destroy?: () => void; socket?: { destroy(): void } | null };
    const destroySocket = (): void => {
      const outer = (entity as unknown as { socket?: Raw | null }).socket;
      if (typeof outer?.destroy === 'function') outer.destroy();
      else outer?.socket?.destroy();
    };
    if (entity.status !== 'online') {
      destroySocket();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), limitMs)));
    const outcome = await Promise.race([entity.stop().then(() => 'done' as const, () => 'done' as const), late]);
    clearTimeout(timer);
    if (outcome === 'late') destroySocket();
  };

  return Object.assign(entity, {
    reconnect,
    shutdown,
    middleware,
    streamFeatures,
    iqCaller: caller,
    iqCallee: callee,
    streamManagement,
    /** True between 'session-ready' (or a resumption) and the next disconnect: stanzas may flow. */
    isReady: () => ready && entity.status === 'online',
    /** The SASL mechanism of the last successful login. */
    mechanism: () => mechanism,
  });
}

export type XmppClient = ReturnType<typeof createXmppClient>;
