import { Client, jid as makeJid } from '@xmpp/client-core';
import iqCallee from '@xmpp/iq/callee.js';
import iqCaller from '@xmpp/iq/caller.js';
import middlewareFactory from '@xmpp/middleware';
import resourceBinding from '@xmpp/resource-binding';
import streamFeaturesFactory from '@xmpp/stream-features';
import { advertisedFeatures } from '../features/disco/advertised.js';
import { connectThroughEndpoints } from './endpoint-connect.js';
import { resolveEndpoints, type Endpoint } from './endpoints.js';
import { guardInput } from './input-guard.js';
import { inboundRouter } from './inbound-router.js';
import { randomResource } from './resource.js';
import { settlePendingIqs } from './pending-iqs.js';
import { watchForDeadLink, type DeadLinkTiming } from './dead-link.js';
import { reconnectPolicy } from './reconnect-policy.js';
import { requireTls } from './require-tls.js';
import { saslLogin } from './sasl-login.js';
import { shutdownClient } from './shutdown.js';
import { streamSession } from './stream-session.js';
import { boundedTcpTransport } from './tcp-transport.js';
import type { TlsPolicy } from './tls-policy.js';
import { verifyingTransport } from './tls-transport.js';
import { addTransports, smEnabled, smQueued, smResumable } from './xmppjs-internals.js';
import { assertXmppjsInternals } from './xmppjs-internals-check.js';


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
  /** When a silent link is checked and given up (dead-link.ts); the defaults are xmpp.js's. */
  deadLink?: DeadLinkTiming;
}

/** Failures that another attempt can not fix: the client stops reconnecting after them. */
export const FINAL_ERRORS: ReadonlySet<string> = new Set([
  'AuthenticationError', 'CertificateError', 'TlsRequiredError', 'UnverifiedConnectionError', 'DowngradeError',
  'NoPasswordError', 'ServerProofError', 'RegistrationError', 'ScramIterationsError',
]);

/**
 * An xmpp.js client composed from its packages (as @xmpp/client does) with natter's own TLS
 * and SASL: the certificate is verified for the XMPP domain against the system CAs plus the
 * account's CA (or a pin) before a byte is read, TLS is required, SCRAM runs on node:crypto,
 * and the XML parser is bounded. The order of the parts is the order their middleware runs in.
 */
export function createXmppClient(options: CreateClientOptions) {
  // Before anything is built on them: an xmpp.js whose private members moved fails here, naming them.
  assertXmppjsInternals();
  const [local = '', domain = ''] = options.jid.split('@');
  const host = options.host ?? domain;
  const port = options.port ?? (options.directTls ? 5223 : 5222);
  const where = `${host}:${port}`;
  const policy: TlsPolicy = {
    domain,
    ...(options.caPem ? { ca: options.caPem } : {}),
    ...(options.pinnedFingerprints ? { pins: options.pinnedFingerprints } : {}),
  };

  const entity = new Client({ service: `${options.directTls ? 'xmpps' : 'xmpp'}://${where}`, domain, timeout: 10_000 });
  if (options.host === undefined || options.endpoints) connectThroughEndpoints(entity, domain, options.endpoints ?? (() => resolveEndpoints(domain)));
  entity.jid = makeJid(local, domain);
  const { reconnect, retrying, resetBackoff } = reconnectPolicy(entity, FINAL_ERRORS);
  const stop = (): void => reconnect.stop();
  guardInput(entity);
  addTransports(entity, boundedTcpTransport(), verifyingTransport(policy));

  const middleware = middlewareFactory({ entity });
  const streamFeatures = streamFeaturesFactory({ middleware });
  requireTls({ middleware, streamFeatures, policy, host, where, stop });
  // Before the IQ caller and callee: stream management counts every stanza they answer too.
  const session = streamSession({ entity, middleware, streamFeatures });
  const caller = iqCaller({ middleware, entity });
  const callee = iqCallee({ middleware, entity });
  const login = saslLogin({ entity, streamFeatures, caller, where, stop, account: { jid: options.jid, local, domain, getPassword: options.getPassword, ...pick(options) } });
  resourceBinding({ iqCaller: caller, streamFeatures }, options.resource ?? randomResource());

  const { streamManagement } = session;
  // The one inbound pipeline: every feature reads its messages and presences from here.
  const inbound = inboundRouter(entity, options.jid.toLowerCase(), (reason, stanza) => entity.emit('rejected', reason, stanza));
  settlePendingIqs(entity, caller, () => retrying() && smResumable(streamManagement));
  watchForDeadLink(entity, streamManagement, where, retrying, options.deadLink);
  entity.on('online', resetBackoff);
  streamManagement.on('resumed', resetBackoff);
  // What the features wired on this client do: disco#info and the caps hash (XEP-0115).
  const features = advertisedFeatures();

  return Object.assign(entity, {
    reconnect,
    shutdown: (limitMs?: number) => shutdownClient(entity, stop, limitMs),
    middleware,
    streamFeatures,
    iqCaller: caller,
    iqCallee: callee,
    streamManagement,
    /** XEP-0198 is on: the server acknowledges each stanza (ack events will come). */
    acknowledges: () => smEnabled(streamManagement),
    /** The stanza with this id was sent and the server has not acknowledged it yet. */
    isQueued: (id: string) => smQueued(streamManagement, id),
    isReady: session.isReady,
    mechanism: login.mechanism,
    onMessage: inbound.onMessage,
    onPresence: inbound.onPresence,
    onArchive: inbound.onArchive,
    /** Adds a step every inbound message passes through first (decryption will). */
    useInbound: inbound.use,
    /** A feature wired on this client says what it does (its namespace, in disco#info and caps). */
    advertise: features.advertise,
    /** The identity, the advertised features and their caps hash, as of now. */
    caps: features.caps,
  });
}

function pick(options: CreateClientOptions): { pinnedMechanism?: string; register?: boolean } {
  return {
    ...(options.pinnedMechanism ? { pinnedMechanism: options.pinnedMechanism } : {}),
    ...(options.register ? { register: true } : {}),
  };
}

export type XmppClient = ReturnType<typeof createXmppClient>;
