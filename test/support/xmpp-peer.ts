import tls from 'node:tls';
import { client, xml } from '@xmpp/client';
import type { Element } from '@xmpp/xml';
import type { ProsodyAccount, ProsodyInfo } from './prosody.js';

export interface ReceivedMessage {
  from: string;
  body: string;
  stanza: Element;
}

export interface Peer {
  jid: string;
  send(to: string, body: string): Promise<void>;
  sendRaw(element: Element): Promise<void>;
  /** One stanza written as it is, serialized XML no xmpp.js element could hold (20,000 levels deep). */
  sendXml(text: string): Promise<void>;
  /**
   * Chat messages to `to`, one per body, written 100 to a socket write as serialized XML: the
   * same stanzas as `send`, at a fraction of the sender's CPU (the bench's floods).
   */
  sendBatch(to: string, bodies: readonly string[]): Promise<void>;
  /** Sends an <iq/> and resolves with the answer (rejects on an error answer). */
  request(iq: Element): Promise<Element>;
  /** Resolves with the first message (received since connect) that matches. */
  waitForMessage(match: (m: ReceivedMessage) => boolean, timeoutMs?: number): Promise<ReceivedMessage>;
  onMessage(listener: (m: ReceivedMessage) => void): void;
  /** Resolves with the first <message/> stanza, with or without a body, that matches. */
  waitForStanza(match: (stanza: Element) => boolean, timeoutMs?: number): Promise<Element>;
  received: ReceivedMessage[];
  /** Every <message/> stanza received, with or without a body. */
  stanzas: Element[];
  /** An IQ get to `to`; resolves with the result's payload, rejects with a StanzaError. */
  iqGet(to: string, child: Element): Promise<Element | undefined>;
  /** Answers IQ gets for <name xmlns=ns/> with what `answer` returns (an <error/> for an error); unanswered, xmpp.js says service-unavailable. */
  answerIqGet(ns: string, name: string, answer: (stanza: Element) => Element | undefined): void;
  /** Every <presence/> stanza received since connect. */
  presences: Element[];
  /** Resolves with the first <presence/> stanza (received since connect) that matches. */
  waitForPresence(match: (stanza: Element) => boolean, timeoutMs?: number): Promise<Element>;
  stop(): Promise<void>;
}

const trusted = new Set<string>();
/**
 * The test peer trusts the private CA process-wide (test code only; natter itself passes
 * its CA to each connection). Certificates stay verified: nothing switches checks off.
 */
function trustTestCa(caPem: string): void {
  if (trusted.has(caPem)) return;
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), caPem]);
  trusted.add(caPem);
}

/**
 * Another XMPP client for tests, written on @xmpp/client: logs in over STARTTLS, sends
 * initial presence (so messages to the bare JID reach it; not with `presence: false`) and
 * records every message.
 * It authenticates with PLAIN over TLS: xmpp.js 0.14's SCRAM-SHA-1 costs ~1 s per login.
 */
export async function connectPeer(
  info: Pick<ProsodyInfo, 'host' | 'c2sPort' | 'caPem'>,
  account: ProsodyAccount,
  resource = 'peer',
  options: { presence?: boolean; patientAcks?: boolean } = {},
): Promise<Peer> {
  trustTestCa(info.caPem);
  const entity = client({
    service: `xmpp://${info.host}:${info.c2sPort}`,
    domain: account.domain,
    resource,
    credentials: async (authenticate: (c: object, mechanism: string) => Promise<void>, mechanisms: string[]) => {
      if (!mechanisms.includes('PLAIN')) throw new Error(`PLAIN not offered: ${mechanisms.join(', ')}`);
      await authenticate({ username: account.local, password: account.password }, 'PLAIN');
    },
  } as Parameters<typeof client>[0]);
  entity.reconnect.stop();
  // xmpp.js drops the link when the server has not answered its XEP-0198 <r/> within 60 s; a
  // server working through a backlog (the soak's, on a shared machine) answers later.
  if (options.patientAcks) (entity as unknown as { streamManagement: { timeout: number } }).streamManagement.timeout = 0;
  entity.on('error', () => undefined);
  const received: ReceivedMessage[] = [];
  const listeners = new Set<(m: ReceivedMessage) => void>();
  const stanzas: Element[] = [];
  const stanzaListeners = new Set<(s: Element) => void>();
  const presences: Element[] = [];
  const presenceListeners = new Set<(s: Element) => void>();
  entity.on('stanza', (stanza: Element) => {
    if (stanza.is('presence')) {
      presences.push(stanza);
      for (const listener of presenceListeners) listener(stanza);
    }
    if (!stanza.is('message')) return;
    stanzas.push(stanza);
    for (const listener of stanzaListeners) listener(stanza);
    const body = stanza.getChildText('body');
    if (body === null) return;
    const message = { from: String(stanza.attrs.from ?? ''), body, stanza };
    received.push(message);
    for (const listener of listeners) listener(message);
  });
  await entity.start();
  await smEnabled(entity as unknown as { streamManagement: { enabled: boolean } });
  // Without it (presence: false) the server hands over no offline messages and routes none here.
  if (options.presence !== false) await entity.send(xml('presence'));
  return {
    jid: account.jid,
    received,
    stanzas,
    presences,
    send: async (to, body) => {
      await entity.send(xml('message', { to, type: 'chat', id: `peer-${Date.now()}-${received.length}` }, xml('body', {}, body)));
    },
    sendRaw: async (element) => {
      await entity.send(element);
    },
    sendXml: async (text) => {
      (entity as unknown as { streamManagement: { outbound: number } }).streamManagement.outbound += 1;
      await (entity as unknown as { write(text: string): Promise<void> }).write(text);
    },
    sendBatch: async (to, bodies) => {
      const sm = (entity as unknown as { streamManagement: { outbound: number } }).streamManagement;
      for (let start = 0; start < bodies.length; start += 100) {
        const chunk = bodies.slice(start, start + 100);
        const text = chunk.map((body, i) => xml('message', { to, type: 'chat', id: `batch-${Date.now()}-${start + i}` }, xml('body', {}, body)).toString()).join('');
        // Written past xmpp.js's queue: count them as acknowledged already, or the server's
        // next <a h/> (which counts them) would ask the queue for stanzas it never held.
        sm.outbound += chunk.length;
        await (entity as unknown as { write(text: string): Promise<void> }).write(text);
      }
    },
    request: (iq) => entity.iqCaller.request(iq),
    iqGet: (to, child) => entity.iqCaller.get(child, to),
    answerIqGet: (ns, name, answer) => void entity.iqCallee.get(ns, name, ({ stanza }: { stanza: Element }) => answer(stanza)),
    waitForPresence: (match, timeoutMs = 10_000) => waitIn(presences, presenceListeners, match, timeoutMs, () => `${account.jid} got no matching presence within ${timeoutMs} ms`),
    onMessage: (listener) => void listeners.add(listener),
    waitForMessage: (match, timeoutMs = 10_000) =>
      waitIn(received, listeners, match, timeoutMs, () => `${account.jid} got no matching message within ${timeoutMs} ms; got: ${JSON.stringify(received.map((m) => [m.from, m.body]))}`),
    waitForStanza: (match, timeoutMs = 10_000) =>
      waitIn(stanzas, stanzaListeners, match, timeoutMs, () => `${account.jid} got no matching stanza within ${timeoutMs} ms; the last ones: ${stanzas.slice(-6).map((s) => String(s).slice(0, 300)).join(' | ')}`),
    stop: async () => {
      await entity.stop().catch(() => undefined);
    },
  };
}

/** The first item of `seen` (so far or to come) that matches, or a rejection after the timeout. */
function waitIn<T>(seen: readonly T[], listeners: Set<(item: T) => void>, match: (item: T) => boolean, timeoutMs: number, describe: () => string): Promise<T> {
  const found = seen.find(match);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listeners.delete(listener);
      reject(new Error(describe()));
    }, timeoutMs);
    const listener = (item: T): void => {
      if (!match(item)) return;
      clearTimeout(timer);
      listeners.delete(listener);
      resolve(item);
    };
    listeners.add(listener);
  });
}

/**
 * xmpp.js 0.14 resets its inbound XEP-0198 counter when <enabled/> is handled, a few ticks
 * after 'online': a stanza the server sent before <enabled/> (the echo of a presence sent
 * at 'online') can be counted after the reset. The client then acknowledges one stanza more
 * than the server sent and Prosody closes the stream ("Client acknowledged more stanzas than
 * sent by server"). So nothing is sent until the negotiation is over, as natter itself does.
 */
async function smEnabled(entity: { streamManagement: { enabled: boolean } }, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!entity.streamManagement.enabled) {
    if (Date.now() > deadline) throw new Error(`stream management not enabled within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Starts a natter client and resolves once its session is ready for stanzas (as natter waits). */
export async function startSession(client: { start(): Promise<unknown>; once(event: 'session-ready', listener: () => void): unknown }): Promise<void> {
  const ready = new Promise<void>((resolve) => client.once('session-ready', resolve));
  await client.start();
  await ready;
}
