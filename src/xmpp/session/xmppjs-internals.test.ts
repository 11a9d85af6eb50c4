import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Client } from '@xmpp/client-core';
import Connection from '@xmpp/connection';
import iqCaller from '@xmpp/iq/caller.js';
import streamManagementFactory from '@xmpp/stream-management';
import TlsSocket from '@xmpp/tls/lib/Socket.js';
import xml, { Parser } from '@xmpp/xml';
import SASLFactory from 'saslmechanisms';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createXmppClient } from './create-client.js';
import { assertXmppjsInternals, missingXmppjsInternals, XmppjsInternalsError } from './xmppjs-internals-check.js';
import { pendingIqs, smEnabled, smQueued, smResumable, TcpTransport } from './xmppjs-internals.js';

const noop = (): undefined => undefined;
const iqCallerPrototype = Object.getPrototypeOf(iqCaller({ entity: {}, middleware: { use: noop } })) as object;

/** Runs `check` with `key` gone from the object in `target`'s prototype chain that holds it, then puts it back. */
function withRemoved(target: object, key: string, check: () => void): void {
  let owner: object | null = target;
  while (owner && !Object.hasOwn(owner, key)) owner = Object.getPrototypeOf(owner) as object | null;
  if (!owner) throw new Error(`${key} is not in the prototype chain`);
  const descriptor = Object.getOwnPropertyDescriptor(owner, key) as PropertyDescriptor;
  delete (owner as Record<string, unknown>)[key];
  try {
    check();
  } finally {
    Object.defineProperty(owner, key, descriptor);
  }
}

describe('the start-up check of the xmpp.js private members natter relies on', () => {
  it('passes on the installed xmpp.js', () => {
    expect(missingXmppjsInternals()).toEqual([]);
    expect(() => assertXmppjsInternals()).not.toThrow();
  });

  it.each([
    ["Connection#_onData() as the socket's data listener (@xmpp/connection)", Connection.prototype, '_onData'],
    ['Connection#_attachSocket() (@xmpp/connection)', Connection.prototype, '_attachSocket'],
    ['Connection#_detachParser() (@xmpp/connection)', Connection.prototype, '_detachParser'],
    ['Connection#connect() called by start() and @xmpp/reconnect, with options.service (@xmpp/connection)', Connection.prototype, 'start'],
    ["Client#connect() taking Socket and Parser from the transport's prototype (@xmpp/client-core)", Client.prototype, 'connect'],
    ['ConnectionTCP.prototype.Parser (@xmpp/tcp/lib/Connection.js)', TcpTransport.prototype, 'Parser'],
    ['Socket#_attachSocket() (@xmpp/tls/lib/Socket.js)', TlsSocket.prototype, '_attachSocket'],
    ['IQCaller#get() and #set() calling request() (@xmpp/iq/caller.js)', iqCallerPrototype, '_childRequest'],
    ['Factory#create() called at each authentication (saslmechanisms, @xmpp/sasl)', SASLFactory.prototype, 'create'],
    ['Parser#onStartElement(), #onEndElement(), #onText() as overridable hooks (@xmpp/xml/lib/Parser.js)', Parser.prototype, 'onText'],
  ])('names %s when an xmpp.js lacks it', (member, target, key) => {
    withRemoved(target, key, () => expect(missingXmppjsInternals()).toContain(member));
    expect(missingXmppjsInternals()).toEqual([]);
  });

  it('fails in one error that names what moved, and no client is made on such an xmpp.js', () => {
    withRemoved(TlsSocket.prototype, '_attachSocket', () => {
      const attempt = () => createXmppClient({ jid: 'alice@localhost', host: '127.0.0.1', getPassword: async () => 'secret' });
      expect(attempt).toThrow(XmppjsInternalsError);
      expect(attempt).toThrow(/natter needs \d+ private members of xmpp\.js 0\.14 .*; this xmpp\.js lacks: Socket#_attachSocket\(\) \(@xmpp\/tls\/lib\/Socket\.js\)\. Reinstall natter with its locked dependencies \(npm ci\)\./);
    });
  });
});

describe('how natter uses those members, tried on the installed xmpp.js', () => {
  afterEach(() => void vi.useRealTimers());

  it('stream management keeps each stanza sent while it is on until the server acknowledges it (the outbox reads this)', async () => {
    vi.useFakeTimers();
    const entity = Object.assign(new EventEmitter(), { hook: noop, send: async () => undefined });
    type Handler = (ctx: { stanza: ReturnType<typeof xml> }, next: () => unknown) => unknown;
    const handlers: { in?: Handler; out?: Handler } = {};
    const middleware = { use: (fn: Handler) => (handlers.in = fn), filter: (fn: Handler) => (handlers.out = fn) };
    const sm = streamManagementFactory({ streamFeatures: { use: noop }, entity, middleware } as never) as unknown as { enabled: boolean };
    expect([smEnabled(sm), smResumable(sm)]).toEqual([false, false]);
    sm.enabled = true; // as <enabled/> does
    await handlers.out?.({ stanza: xml('message', { id: 'm1' }) }, noop);
    expect([smEnabled(sm), smQueued(sm, 'm1'), smQueued(sm, 'other')]).toEqual([true, true, false]);
    await handlers.in?.({ stanza: xml('a', { xmlns: 'urn:xmpp:sm:3', h: '1' }) }, noop);
    expect(smQueued(sm, 'm1')).toBe(false);
    entity.emit('disconnect'); // clears its ack timers
  });

  it('an IQ rejected through pendingIqs fails its request at once, with that error', async () => {
    const caller = iqCaller({ entity: { send: async () => undefined }, middleware: { use: noop } });
    const answer = caller.request(xml('iq', { id: 'q1', type: 'get' }));
    const pending = pendingIqs(caller);
    expect([...pending.keys()]).toEqual(['q1']);
    pending.get('q1')?.reject(new Error('the link dropped'));
    await expect(answer).rejects.toThrow('the link dropped');
  });
});

describe('the one guarded place', () => {
  // Names no other code of natter has reason to use: underscore members of xmpp.js, its SM queue, files under its packages' lib/.
  const PRIVATE = /\b_(onData|attachSocket|detachSocket|detachParser|onElement|status|ready|jid|mechs|childRequest|route|findTransport)\b|outbound_q|@xmpp\/[\w-]+\/lib\/|prototype\.(Parser|Socket)\b/;
  const ALLOWED = new Set(['xmpp/session/xmppjs-internals.ts', 'xmpp/session/xmppjs-internals-check.ts', 'xmpp/session/xmppjs-internals.test.ts', 'xmpp/types/xmpp-internals.d.ts']);
  const root = new URL('../..', import.meta.url).pathname;
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : []));

  it('no file of src/ but xmppjs-internals names a private member of xmpp.js', () => {
    const offenders = files(root)
      .map((file) => relative(root, file))
      .filter((file) => !ALLOWED.has(file) && PRIVATE.test(readFileSync(join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
