import { EventEmitter } from 'node:events';
import { Client } from '@xmpp/client-core';
import iqCaller from '@xmpp/iq/caller.js';
import reconnectFactory from '@xmpp/reconnect';
import sasl, { getAvailableMechanisms } from '@xmpp/sasl';
import streamManagementFactory from '@xmpp/stream-management';
import ConnectionTCP from '@xmpp/tcp/lib/Connection.js';
import ConnectionTLS from '@xmpp/tls/lib/Connection.js';
import TlsSocket from '@xmpp/tls/lib/Socket.js';
import xml, { Parser, type Element } from '@xmpp/xml';
import SASLFactory from 'saslmechanisms';
import { attachSocket, interceptData, pendingIqs, setService, TlsTransport, watchMechanisms, wrapConnect, wrapIqRequest } from './xmppjs-internals.js';

/**
 * The start-up check of xmppjs-internals.ts: each private member natter relies on, looked for
 * on the real classes and on fresh instances, and where natter relies on how xmpp.js uses one
 * (a hook it must call, an order it must keep), that use tried on a probe that touches no
 * network and leaves no timer. About a millisecond, so it runs for every client made.
 */

const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';

interface Requirement {
  /** The member, as "Class#member (package)". */
  member: string;
  holds(): boolean;
}

const isMethod = (target: object, name: string): boolean => typeof (target as Record<string, unknown>)[name] === 'function';
const once = <T>(make: () => T): (() => T) => {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
};
const noop = (): undefined => undefined;

function requirements(): Requirement[] {
  const entity = once(() => new Client({ service: 'xmpp://localhost', domain: 'localhost' }) as unknown as Record<string, unknown>);
  const tlsSocket = once(() => new TlsSocket() as unknown as Record<string, unknown>);
  const streamManagement = once(() => streamManagementFactory({ streamFeatures: { use: noop }, entity: { on: noop, hook: noop }, middleware: { use: noop, filter: noop } } as never) as unknown as Record<string, unknown>);
  const connection = (member: string, holds: () => boolean): Requirement => ({ member: `Connection#${member} (@xmpp/connection)`, holds });
  return [
    connection("_onData() as the socket's data listener", readsThroughOnData),
    connection('_attachSocket()', () => isMethod(Client.prototype, '_attachSocket')),
    connection('_detachParser()', () => isMethod(Client.prototype, '_detachParser')),
    connection('socket', () => 'socket' in entity()),
    connection('parser', () => 'parser' in entity()),
    connection('connect() called by start() and @xmpp/reconnect, with options.service', connectsThroughConnect),
    connection('isSecure() reading socket.secure', () => Client.prototype.isSecure.call({ socket: { secure: true } } as never) === true),
    { member: 'Client#transports (@xmpp/client-core)', holds: () => Array.isArray(entity().transports) },
    { member: "Client#connect() taking Socket and Parser from the transport's prototype (@xmpp/client-core)", holds: connectsThroughTransportPrototype },
    { member: 'ConnectionTCP.prototype.Parser (@xmpp/tcp/lib/Connection.js)', holds: () => isMethod(ConnectionTCP.prototype, 'Parser') },
    { member: 'ConnectionTLS.prototype.Socket (@xmpp/tls/lib/Connection.js)', holds: () => isMethod(ConnectionTLS.prototype, 'Socket') },
    { member: 'ConnectionTLS#socketParameters() (@xmpp/tls/lib/Connection.js)', holds: () => JSON.stringify(TlsTransport.prototype.socketParameters('xmpps://example.org:5223')) === '{"port":5223,"host":"example.org"}' },
    { member: 'Socket#_attachSocket() (@xmpp/tls/lib/Socket.js)', holds: () => isMethod(TlsSocket.prototype, '_attachSocket') },
    { member: 'Socket#socket (@xmpp/tls/lib/Socket.js)', holds: () => 'socket' in tlsSocket() },
    { member: 'Socket#secure (@xmpp/tls/lib/Socket.js)', holds: () => tlsSocket().secure === true },
    { member: 'IQCaller#handlers (@xmpp/iq/caller.js)', holds: keepsPendingIqsInHandlers },
    { member: 'IQCaller#get() and #set() calling request() (@xmpp/iq/caller.js)', holds: childRequestsGoThroughRequest },
    { member: 'Factory#create() called at each authentication (saslmechanisms, @xmpp/sasl)', holds: authenticationCreatesThroughFactory },
    { member: "getAvailableMechanisms() in the factory's order, from Factory#_mechs (@xmpp/sasl)", holds: listsMechanismsInFactoryOrder },
    { member: 'streamManagement.enabled (@xmpp/stream-management)', holds: () => streamManagement().enabled === false },
    { member: 'streamManagement.id (@xmpp/stream-management)', holds: () => streamManagement().id === '' },
    { member: 'streamManagement.outbound_q (@xmpp/stream-management)', holds: () => Array.isArray(streamManagement().outbound_q) },
    { member: "streamManagement.outbound, .enableSent and its 'fail' event (@xmpp/stream-management)", holds: failsLikeXmppJs },
    { member: 'streamManagement.requestAckInterval and .timeout (@xmpp/stream-management)', holds: () => streamManagement().requestAckInterval === 30_000 && streamManagement().timeout === 60_000 },
    { member: 'Parser#onStartElement(), #onEndElement(), #onText() as overridable hooks (@xmpp/xml/lib/Parser.js)', holds: parserCallsItsHooks },
  ];
}

/** The socket's data goes to the _onData() the instance has when its first socket is attached. */
function readsThroughOnData(): boolean {
  const probe = new Client({ domain: 'localhost' });
  const socket = new EventEmitter();
  let read = '';
  interceptData(probe, (data) => (read = data.toString()));
  attachSocket(probe, socket);
  socket.emit('data', Buffer.from('probe'));
  return read === 'probe';
}

/** start() and @xmpp/reconnect connect through the instance's connect(), to options.service. */
function connectsThroughConnect(): boolean {
  const probe = new Client({ service: 'xmpp://probe-start', domain: 'localhost' });
  const services: unknown[] = [];
  wrapConnect(probe, () => async (service) => {
    services.push(service);
    throw new Error('probe');
  });
  void probe.start().catch(noop);
  setService(probe, 'xmpp://probe-reconnect');
  void reconnectFactory({ entity: probe }).reconnect().catch(noop);
  return services.join() === 'xmpp://probe-start,xmpp://probe-reconnect';
}

/** Client#connect() makes the transport's Socket and keeps its Parser for open(). */
function connectsThroughTransportPrototype(): boolean {
  class ProbeSocket extends EventEmitter {
    connect = noop;
  }
  class ProbeParser {}
  class ProbeTransport {
    socketParameters(service: string) {
      return service === 'probe://' ? {} : undefined;
    }
  }
  Object.assign(ProbeTransport.prototype, { Socket: ProbeSocket, Parser: ProbeParser });
  const probe = new Client({ domain: 'localhost' }) as unknown as { transports: unknown[]; socket: unknown; Parser: unknown; connect(service: string): Promise<unknown> };
  probe.transports.push(ProbeTransport);
  // Pending for ever (the probe socket never connects): no timer holds the process.
  void probe.connect('probe://').catch(noop);
  return probe.socket instanceof ProbeSocket && probe.Parser === ProbeParser;
}

function keepsPendingIqsInHandlers(): boolean {
  const caller = iqCaller({ entity: { send: () => Promise.reject(new Error('probe')) }, middleware: { use: noop } });
  // request() records the IQ before it sends; the send fails and request() forgets it again.
  void caller.request(xml('iq', { id: 'probe', type: 'get' })).catch(noop);
  return pendingIqs(caller).has('probe');
}

function childRequestsGoThroughRequest(): boolean {
  const caller = iqCaller({ entity: { send: noop }, middleware: { use: noop } });
  const asked: string[] = [];
  wrapIqRequest(caller, () => async (stanza) => (asked.push(String(stanza.attrs.type)), stanza));
  void caller.get(xml('ping', { xmlns: 'urn:xmpp:ping' })).catch(noop);
  void caller.set(xml('ping', { xmlns: 'urn:xmpp:ping' })).catch(noop);
  return asked.join() === 'get,set';
}

function listsMechanismsInFactoryOrder(): boolean {
  const factory = new SASLFactory();
  factory.use('PROBE-STRONG', class {} as never).use('PROBE-WEAK', class {} as never);
  const offered = xml('mechanisms', { xmlns: NS_SASL }, xml('mechanism', {}, 'PROBE-WEAK'), xml('mechanism', {}, 'PROBE-STRONG'));
  return getAvailableMechanisms(offered, NS_SASL, factory).join() === 'PROBE-STRONG,PROBE-WEAK';
}

/** @xmpp/sasl makes the mechanism of each authentication with the factory's create(). */
function authenticationCreatesThroughFactory(): boolean {
  const factory = new SASLFactory().use('PROBE', class {} as never);
  let created = 0;
  watchMechanisms(factory, () => created++);
  let feature: ((ctx: object, next: unknown, element: Element) => Promise<unknown>) | undefined;
  const streamFeatures = { use: (_name: string, _ns: string, handler: typeof feature) => (feature = handler) };
  const login = (authenticate: (credentials: object, mechanism: string) => Promise<void>) => authenticate({ username: 'probe', password: 'probe' }, 'PROBE');
  (sasl as unknown as (deps: object, onAuthenticate: typeof login) => void)({ streamFeatures, saslFactory: factory }, login);
  // The probe mechanism can not answer; what it was made with is all this looks at.
  const entity = Object.assign(new EventEmitter(), { options: { domain: 'localhost' }, send: () => Promise.resolve() });
  void feature?.({ entity }, noop, xml('mechanisms', { xmlns: NS_SASL }, xml('mechanism', {}, 'PROBE'))).catch(noop);
  return created === 1;
}

function parserCallsItsHooks(): boolean {
  const seen: string[] = [];
  class ProbeParser extends Parser {
    override onStartElement(name: string, attrs?: Record<string, string>): void {
      seen.push(`<${name}>`);
      super.onStartElement(name, attrs);
    }
    override onEndElement(name: string): void {
      seen.push(`</${name}>`);
      super.onEndElement(name);
    }
    override onText(text: string): void {
      seen.push(text);
      super.onText(text);
    }
  }
  new ProbeParser().write('<s><a>t</a>');
  return seen.join('') === '<s><a>t</a>';
}

/** The names of the members natter needs that this xmpp.js lacks (or that no longer act as natter needs). */
export function missingXmppjsInternals(): string[] {
  return requirements()
    .filter((requirement) => {
      try {
        return !requirement.holds();
      } catch {
        return true;
      }
    })
    .map((requirement) => requirement.member);
}

/**
 * Thrown when the installed xmpp.js is not the one natter was built for. The message names
 * what is missing; all natter needs (some twenty members, too long for a status line) is in
 * `needed`, and in xmppjs-internals.ts.
 */
export class XmppjsInternalsError extends Error {
  constructor(
    readonly needed: readonly string[],
    readonly missing: readonly string[],
  ) {
    super(
      `natter needs ${needed.length} private members of xmpp.js 0.14 (listed in natter's ARCHITECTURE.md); this xmpp.js lacks: ${missing.join('; ')}. ` +
        'Reinstall natter with its locked dependencies (npm ci).',
    );
    this.name = 'XmppjsInternalsError';
  }
}

/** Throws an XmppjsInternalsError naming every private member that moved; run when a client is made. */
export function assertXmppjsInternals(): void {
  const missing = missingXmppjsInternals();
  if (missing.length > 0) throw new XmppjsInternalsError(requirements().map((r) => r.member), missing);
}

/** xmpp.js's own failQueue() (at 'offline'): each queued stanza to 'fail' listeners, the counters back to the start. smStartFresh does the same. */
function failsLikeXmppJs(): boolean {
  const listeners = new Map<string, () => void>();
  let filter: ((context: { stanza: Element }, next: () => unknown) => unknown) | undefined;
  const entity = { on: (event: string, listener: () => void) => listeners.set(event, listener), hook: noop };
  const middleware = { use: noop, filter: (f: typeof filter) => (filter = f) };
  const state = streamManagementFactory({ streamFeatures: { use: noop }, entity, middleware } as never) as unknown as {
    enabled: boolean; enableSent: boolean; outbound: number; outbound_q: unknown[]; on(event: 'fail', listener: (stanza: Element) => void): void;
  };
  state.enabled = true;
  const stanza = xml('message', { id: 'probe' });
  void filter?.({ stanza }, noop);
  const failed: Element[] = [];
  state.on('fail', (s) => failed.push(s));
  state.outbound = 3;
  state.enableSent = true;
  listeners.get('offline')?.();
  return failed[0] === stanza && state.outbound === 0 && !state.enableSent && state.outbound_q.length === 0;
}
