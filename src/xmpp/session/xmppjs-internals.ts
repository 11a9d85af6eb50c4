import type { EventEmitter } from 'node:events';
import type { TLSSocket } from 'node:tls';
import type { IqCaller } from '@xmpp/iq/caller.js';
import ConnectionTCP from '@xmpp/tcp/lib/Connection.js';
import ConnectionTLS from '@xmpp/tls/lib/Connection.js';
import TlsSocket from '@xmpp/tls/lib/Socket.js';
import type { Element } from '@xmpp/xml';
import type SASLFactory from 'saslmechanisms';

/**
 * Every private member of xmpp.js 0.14 (and of saslmechanisms, which its SASL uses) that
 * natter reads, writes, calls or replaces, named here and nowhere else. Private means: not in
 * the package's README, and either underscore-named, a field holding the package's own state,
 * a file under lib/ that the package's index does not export, or a method natter replaces
 * whose effect depends on xmpp.js calling it from inside. assertXmppjsInternals
 * (xmppjs-internals-check.ts) checks all of them when a client is made, so an xmpp.js that
 * moved one fails at once, naming it, instead of silently losing a safeguard.
 *
 * To re-check on an upgrade: the file named at each group, and
 * `npx vitest run src/xmpp/session/xmppjs-internals.test.ts`.
 */

/** The socket a Connection holds: a net.Socket (xmpp://, STARTTLS) or @xmpp/tls's wrapper. */
export type ConnectionSocket = EventEmitter & { destroy?: () => void; socket?: { destroy(): void } | null };

/** What natter sees of the XML parser xmpp.js reads a stream with. */
export interface StreamParser {
  write(data: string): void;
  emit(event: 'error', error: Error): boolean;
}

// @xmpp/connection/index.js (Connection) and @xmpp/client-core/lib/Client.js (Client).
interface ConnectionPrivates {
  /** The transport's socket; null between connections. */
  socket: ConnectionSocket | null;
  /** The stream's parser; null between streams. */
  parser: StreamParser | null;
  /** Read again by start() and @xmpp/reconnect at each (re)connect. */
  options: { service?: string };
  /** Client: the transport classes connect() picks from, by their socketParameters(). */
  transports: unknown[];
  /** Called by start() and by @xmpp/reconnect for every (re)connect. */
  connect(service?: string): Promise<unknown>;
  /** The socket's 'data' listener: feeds the parser (bound when the first socket is attached). */
  _onData(data: Buffer): void;
  /** Makes a socket the connection's one: listens to its data, close, connect, error. */
  _attachSocket(socket: unknown): void;
  _detachParser(): void;
}

const connection = (entity: object): ConnectionPrivates => entity as ConnectionPrivates;

/** The connection's socket (Connection#socket), or null when there is none. */
export function connectionSocket(entity: object): ConnectionSocket | null {
  return connection(entity).socket;
}

/**
 * Makes `socket` the one `holder` reads from: a Connection (STARTTLS swaps the TLS socket in)
 * or @xmpp/tls's socket wrapper (the raw TLS socket). Both call it `_attachSocket`.
 */
export function attachSocket(holder: object, socket: unknown): void {
  connection(holder)._attachSocket(socket);
}

/** Destroys the connection's socket: a net.Socket itself, or the TLS socket inside @xmpp/tls's wrapper. */
export function destroySocket(entity: object): void {
  const outer = connection(entity).socket;
  if (typeof outer?.destroy === 'function') outer.destroy();
  else outer?.socket?.destroy();
}

/** The parser of the stream being read (Connection#parser), or null between streams. */
export function streamParser(entity: object): StreamParser | null {
  return connection(entity).parser;
}

/** Drops the stream's parser, as xmpp.js does when a stream ends (Connection#_detachParser). */
export function detachParser(entity: object): void {
  connection(entity)._detachParser();
}

/**
 * Puts `intercept` between the socket and the parser: it gets every read and xmpp.js's own
 * handler (Connection#_onData). Must run before the first connect, which binds the handler.
 */
export function interceptData(entity: object, intercept: (data: Buffer, read: (data: Buffer) => void) => void): void {
  const internals = connection(entity);
  const read = internals._onData.bind(entity);
  internals._onData = (data) => intercept(data, read);
}

/** Replaces how the entity connects, for start() and @xmpp/reconnect alike (Connection#connect). */
export function wrapConnect(entity: object, wrap: (connectTo: (service: string) => Promise<unknown>) => (service?: string) => Promise<unknown>): void {
  const internals = connection(entity);
  internals.connect = wrap(internals.connect.bind(entity));
}

/** Names the service in use; @xmpp/reconnect reads options.service for its next attempt. */
export function setService(entity: object, service: string): void {
  connection(entity).options.service = service;
}

/** Adds transport classes to the client's (Client#transports), as @xmpp/tcp and @xmpp/tls do. */
export function addTransports(entity: object, ...transports: TransportClass[]): void {
  connection(entity).transports.push(...transports);
}

// @xmpp/tcp/lib/Connection.js, @xmpp/tls/lib/Connection.js: transport classes; Client#connect
// reads the socket and parser classes from the chosen one's prototype.
export type TransportClass = new () => { socketParameters(service: string): object | undefined };

/** xmpp:// (and the STARTTLS upgrade of it). */
export const TcpTransport = ConnectionTCP as unknown as TransportClass;
/** xmpps:// (XEP-0368 direct TLS). */
export const TlsTransport = ConnectionTLS as unknown as TransportClass;

/** The XML parser class a transport's connections read with (Transport.prototype.Parser). */
export function setTransportParser(Transport: TransportClass, Parser: new () => object): void {
  (Transport.prototype as { Parser?: unknown }).Parser = Parser;
}

/** The socket class a transport's connections use (Transport.prototype.Socket). */
export function setTransportSocket(Transport: TransportClass, Socket: new () => object): void {
  (Transport.prototype as { Socket?: unknown }).Socket = Socket;
}

// @xmpp/tls/lib/Socket.js: the wrapper around node's TLSSocket that a Connection holds.
interface TlsSocketPrivates extends EventEmitter {
  /** The raw TLS socket; null once closed. */
  socket: TLSSocket | null;
  /** What Connection#isSecure() answers while this socket is the connection's. */
  secure: boolean;
  connect(options: object): void;
  _attachSocket(socket: TLSSocket): void;
}

/** What natter's subclasses of the wrapper see of it (no private member by name). */
type TlsSocketView = EventEmitter & { readonly secure: boolean; connect(options: object): void };

const TlsSocketClass = TlsSocket as unknown as new () => TlsSocketView;

/**
 * @xmpp/tls's socket wrapper with a hook on each raw TLS socket before the wrapper listens to
 * it (so listeners added there run first), and its private fields behind named accessors.
 */
export abstract class TlsSocketBase extends TlsSocketClass {
  /** Runs with each raw TLS socket (connect, STARTTLS), before @xmpp/tls's own listeners. */
  protected abstract beforeListening(raw: TLSSocket): void;

  /** @xmpp/tls's connect() hands each raw socket it makes (or wraps, for STARTTLS) to this. */
  _attachSocket(raw: TLSSocket): void {
    this.beforeListening(raw);
    (TlsSocket.prototype as unknown as TlsSocketPrivates)._attachSocket.call(this, raw);
  }

  /** The raw TLS socket inside; null once closed. */
  protected get raw(): TLSSocket | null {
    return (this as unknown as TlsSocketPrivates).socket;
  }

  /** Sets what Connection#isSecure() answers while this socket is the connection's. */
  protected setSecure(secure: boolean): void {
    (this as unknown as TlsSocketPrivates).secure = secure;
  }
}

// @xmpp/iq/caller.js: IQCaller.
interface IqCallerPrivates {
  /** The requests waiting for an answer, by id; _route settles and deletes them. */
  handlers: Map<string, { reject(error: Error): void }>;
}

/** The IQs asked and not answered yet, by id (IQCaller#handlers): delete one to settle it. */
export function pendingIqs(caller: IqCaller): Map<string, { reject(error: Error): void }> {
  return (caller as unknown as IqCallerPrivates).handlers;
}

/** Replaces the caller's request(); get() and set() go through it too (IQCaller#_childRequest). */
export function wrapIqRequest(caller: IqCaller, wrap: (request: IqCaller['request']) => IqCaller['request']): void {
  caller.request = wrap(caller.request.bind(caller));
}

// saslmechanisms/lib/factory.js, and @xmpp/sasl/index.js, which calls the factory's create()
// once per authentication and lists the mechanisms in the factory's order (its _mechs).

/** Calls `onCreate` with every mechanism @xmpp/sasl makes from `factory`, as it makes it. */
export function watchMechanisms<M>(factory: SASLFactory, onCreate: (mechanism: M | null) => void): void {
  const create = factory.create.bind(factory);
  factory.create = (names) => {
    const mechanism = create(names);
    onCreate(mechanism as M | null);
    return mechanism;
  };
}

// @xmpp/stream-management/index.js: the state fields of the object it returns.
interface StreamManagementState {
  enabled: boolean;
  /** The session id <enabled/> gave, '' when there is none to resume. */
  id: string;
  /** Sent stanzas not yet acknowledged, oldest first. */
  outbound_q: { stanza: Element }[];
  /** How many sent stanzas the server acknowledged (its last 'h'). */
  outbound: number;
  enableSent: boolean;
  emit(event: 'fail', stanza: Element): boolean;
  /** Milliseconds without traffic before it sends <r/> (30 s). */
  requestAckInterval: number;
  /** Milliseconds it waits for an answer to <r/> before it ends the link (60 s; 0: never). */
  timeout: number;
}

const sm = (streamManagement: object): StreamManagementState => streamManagement as StreamManagementState;

/** XEP-0198 is on: the server acknowledges each stanza. */
export function smEnabled(streamManagement: object): boolean {
  return sm(streamManagement).enabled;
}

/** A session the server may resume exists (it gave an id). */
export function smResumable(streamManagement: object): boolean {
  return sm(streamManagement).id !== '';
}

/** The stanza with this id was sent and is not acknowledged yet. */
export function smQueued(streamManagement: object, id: string): boolean {
  return sm(streamManagement).outbound_q.some((item) => item.stanza.attrs.id === id);
}


/**
 * The next connection starts a new session instead of resuming this one (one the server can
 * no longer read): what waits for an acknowledgement fails, as when a server refuses to resume
 * (xmpp.js's failed(): each stanza is told to 'fail' listeners, the counters start again).
 */
export function smStartFresh(streamManagement: object): void {
  const state = sm(streamManagement);
  state.id = '';
  state.enabled = false;
  state.enableSent = false;
  for (let item = state.outbound_q.shift(); item; item = state.outbound_q.shift()) state.emit('fail', item.stanza);
  state.outbound = 0;
}

/**
 * Takes over the check that the link is alive: xmpp.js keeps sending <r/> every `checkEveryMs`
 * without traffic, but no longer ends the link itself when no answer comes (natter does, and says so).
 */
export function smTakeOverDeadLink(streamManagement: object, checkEveryMs?: number): void {
  sm(streamManagement).timeout = 0;
  if (checkEveryMs !== undefined) sm(streamManagement).requestAckInterval = checkEveryMs;
}
