import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ConnectionState } from '../../domain/connection-state.js';
import { chatTabId } from '../../domain/jid.js';
import { sanitizeLine, sanitizeText } from '../../domain/sanitize.js';
import { CONSOLE_TAB_ID } from '../../domain/tab.js';
import type { MessageHistory } from '../../history/message-history.js';
import type { Store } from '../../store/create-store.js';
import { buildEnableCarbons } from '../../xmpp/features/carbons/build.js';
import { buildChatState, parseChatState } from '../../xmpp/features/chat-states/chat-states.js';
import { buildCorrection } from '../../xmpp/features/corrections/corrections.js';
import { messagesFeature, type MessagesFeature } from '../../xmpp/features/messages/feature.js';
import { receiptsFeature } from '../../xmpp/features/receipts/feature.js';
import { discoFeature } from '../../xmpp/features/disco/feature.js';
import { resourceLocks, type ResourceLocks } from '../../xmpp/features/messages/resource-lock.js';
import { buildInitialPresence, buildUnavailablePresence } from '../../xmpp/features/presence/build.js';
import { traceXml, type XmlTraceEntry } from '../../xmpp/features/xml-console/trace.js';
import { createXmppClient, FINAL_ERRORS, type XmppClient } from '../../xmpp/session/create-client.js';
import type { CertificateError } from '../../xmpp/session/errors.js';
import { randomResource } from '../../xmpp/session/resource.js';
import type { AccountSettings } from './account-settings.js';
import type { ChatTabs } from '../conversations/chat-tabs.js';
import { chatReceiver } from '../conversations/chat-receiver.js';
import { chatStateSender } from '../chat-states/chat-state-sender.js';
import { natterVersion } from '../natter-version.js';
import { createOutbox, type Outbox } from '../outbox/outbox.js';
import { rosterSync } from '../roster/roster-sync.js';
import { disclosurePolicy } from '../privacy/may-tell.js';
import { subscriptionRequests } from '../roster/subscriptions.js';
import { archiveCatchUp } from '../archive/archive-catch-up.js';
import { createArchivePaging, type OlderResult } from '../archive/archive-paging.js';
import { accountRooms, type AccountRooms } from '../rooms/account-rooms.js';
import type { EventSink } from '../../domain/events.js';

export interface AccountRuntime {
  readonly jid: string;
  state(): ConnectionState;
  /** Stores the message, shows it as pending, and sends it now or after the next login. */
  sendMessage(to: string, body: string): void;
  /** XEP-0308: replaces the text of the last message sent to `peer`. */
  correct(peer: string, body: string): Promise<void>;
  /** Scrolling back past the local history: the next older page of `peer`'s chat from the server archive. */
  olderFromArchive(peer: string): Promise<OlderResult>;
  /** The person is typing to `peer` (or emptied the line): chat state notifications. */
  typing(peer: string, hasText: boolean): void;
  chatFocus(peer: string, change: 'left' | 'back' | 'closed'): void;
  connect(): void;
  /** Rooms (XEP-0045) of this account. */
  readonly rooms: AccountRooms;
  /** Bare JIDs that asked to see this account's presence and wait for an answer. */
  subscriptionRequests(): string[];
  /** Approves (and asks back) or refuses `jid`'s request to see this account's presence (RFC 6121 §3.1). */
  answerSubscription(jid: string, approve: boolean): Promise<void>;
  /** Every element in and out of this account's sessions (secrets hidden) to `sink`, until undefined. */
  traceXml(sink: ((entry: XmlTraceEntry) => void) | undefined): void;
  /** Logs out (unavailable presence first); the account stays offline until connect(). */
  disconnect(): Promise<void>;
}

export interface AccountDeps {
  store: Store;
  tabs: ChatTabs;
  history: MessageHistory;
  getPassword(): Promise<string>;
  /** Asks the user what to do with a certificate natter could not verify; undefined = refuse. */
  onUntrustedCertificate?(error: CertificateError): Promise<'always' | 'once' | 'refuse'>;
  /** For `natter ctl --events`: messages and connection states as they happen. */
  onEvent?: EventSink;
  /** Settings learnt while connecting (a pinned certificate, the SASL mechanism used). */
  onLearnt?(patch: { pinnedCertificates?: string[]; mechanism?: string }): void;
}

/** xmpp.js status names → the state machine the status line shows. */
const STATUS: Record<string, ConnectionState> = {
  connecting: { kind: 'connecting' },
  connect: { kind: 'securing' },
  opening: { kind: 'securing' },
  open: { kind: 'authenticating' },
};

/**
 * One account: its session (rebuilt on each connect), translated into store actions
 * (connection state, roster, messages sanitized before they can reach the screen), and an
 * outbox that outlives sessions.
 */
export function createAccountRuntime(settings: AccountSettings, deps: AccountDeps): AccountRuntime {
  const { store, tabs, history } = deps;
  const jid = settings.jid;
  let state: ConnectionState = { kind: 'offline' };
  const setState = (next: ConnectionState): void => {
    state = next;
    store.dispatch({ type: 'connection/state', account: jid, state });
    deps.onEvent?.({ event: 'connection', account: jid, state: next.kind, ...(next.kind === 'failed' ? { reason: next.reason } : {}) });
  };
  // Console lines carry JIDs, reasons and error texts from the network: made inert here, once for all.
  const consoleLine = (kind: 'info' | 'error', text: string): void =>
    store.dispatch({ type: 'line/append', tabId: CONSOLE_TAB_ID, kind, text: sanitizeText(`${jid}: ${text}`) });
  let session: { client: XmppClient; messages: MessagesFeature; locks: ResourceLocks; stopping: boolean } | undefined;
  const oncePins: string[] = [];
  // Random, so no stranger can guess the full JID; one per run, kept across reconnects.
  const resource = randomResource();
  // Chat states reveal activity: only to contacts and people we wrote to, like receipts.
  const disclosure = disclosurePolicy(jid, store, history);
  const mayTell = disclosure.mayTell;
  const chatStates = chatStateSender((peer, state) => {
    if (session?.client.isReady()) void session.client.send(buildChatState(session.locks.target(peer), state)).catch(() => undefined);
  }, mayTell);
  let outbox: Outbox | undefined;
  const rooms = accountRooms(jid, { store, tabs, history, consoleLine, ...(deps.onEvent ? { onEvent: deps.onEvent } : {}) });
  const requests = subscriptionRequests(jid, { store, consoleLine, ...(deps.onEvent ? { onEvent: deps.onEvent } : {}) });
  const receive = chatReceiver(jid, { store, tabs, history, rooms, disclosure, consoleLine, ...(deps.onEvent ? { onEvent: deps.onEvent } : {}) });
  let xmlSink: ((entry: XmlTraceEntry) => void) | undefined;
  let stopTrace: (() => void) | undefined;
  const retrace = (): void => {
    stopTrace?.();
    stopTrace = session && xmlSink ? traceXml(session.client, xmlSink) : undefined;
  };
  const archive = createArchivePaging(jid, history, (reason) => consoleLine('error', `ignored an archive result (${sanitizeLine(reason)})`));
  const catchUp = archiveCatchUp(jid, { history, receive: (message, fromArchive) => receive(message, fromArchive), consoleLine });

  const getOutbox = (): Outbox => {
    outbox ??= createOutbox({
      account: jid,
      session: {
        isOnline: () => session?.client.isReady() === true,
        acknowledges: () => session?.client.streamManagement.enabled === true,
        isQueued: (id) => session?.client.streamManagement.outbound_q.some((item) => item.stanza.attrs.id === id) === true,
      },
      messages: {
        send: (to, body, id) => (session ? session.messages.send(session.locks.target(to), body, id) : Promise.reject(new Error('offline'))),
        stop: () => undefined,
      },
      history,
      store,
      tabs,
    });
    return outbox;
  };

  /** False after disconnect(): a connect still reading its CA file must not go on. */
  let wanted = false;
  const connect = async (): Promise<void> => {
    wanted = true;
    if (session) {
      // Online or on its way: nothing to do. Failed or waiting to retry: try again now.
      if (state.kind !== 'failed' && state.kind !== 'reconnecting') return;
      await stopSession();
    }
    const caPem = settings.caFile ? [await readFile(settings.caFile, 'utf8')] : undefined;
    if (!wanted || session) return;
    const client = createXmppClient({
      jid,
      resource,
      getPassword: deps.getPassword,
      directTls: settings.directTls,
      pinnedFingerprints: [...settings.pinnedCertificates, ...oncePins],
      ...(settings.host === undefined ? {} : { host: settings.host }),
      ...(settings.port === undefined ? {} : { port: settings.port }),
      ...(caPem ? { caPem } : {}),
      ...(settings.mechanism ? { pinnedMechanism: settings.mechanism } : {}),
    });
    const current = { client, messages: wireMessages(client), locks: resourceLocks(client, () => jid), stopping: false };
    client.onPresence((stanza) => requests.onStanza(stanza));
    client.onMessage((message) => {
      const chatState = message.via === 'live' ? parseChatState(message.stanza) : undefined;
      if (chatState && store.getState().tabs.some((t) => t.id === chatTabId(chatState.peer))) {
        store.dispatch({ type: 'tab/peer-state', id: chatTabId(chatState.peer), state: chatState.state });
      }
    });
    // A carbon or archive result that is not from the account's own JID: a forgery.
    client.on('rejected', (reason: string) => consoleLine('error', `dropped a message (${reason})`));
    receiptsFeature(client, {
      onDelivered: (peer, id) => getOutbox().delivered(peer, id),
      // Receipts reveal that natter is online: only to contacts and people we wrote to.
      mayAnswer: mayTell,
    });
    discoFeature(client, { version: natterVersion(), mayAnswer: (from) => disclosure.mayAnswerQuery(from, rooms.isRoom) });
    session = current;
    rooms.attach(client);
    retrace();
    const roster = rosterSync(client, jid, store, (text) => consoleLine('error', text), (peer, show, status) =>
      deps.onEvent?.({ event: 'presence', account: jid, peer, show, ...(status === undefined ? {} : { status }) }));
    const box = getOutbox();

    client.on('status', (status: string) => {
      const next = STATUS[status];
      if (next && !current.stopping) setState(next);
    });
    client.on('session-ready', () => {
      setState({ kind: 'online', resumed: false });
      consoleLine('info', 'online');
      learnMechanism(client.mechanism());
      current.locks.reset();
      catchUp.sessionStarted();
      // A fresh session: the roster, initial presence, carbons, then what is still pending.
      roster.fetch().catch((error: unknown) => consoleLine('error', `could not fetch the roster (${describe(error)})`));
      void client.send(buildInitialPresence()).catch(() => undefined);
      client.iqCaller.set(buildEnableCarbons()).catch((error: unknown) => {
        consoleLine('info', `message carbons are not available (${describe(error)})`);
      });
      void box.flush();
      rooms.rejoin();
      catchUp.start(client);
    });
    client.streamManagement.on('resumed', () => {
      setState({ kind: 'online', resumed: true });
      consoleLine('info', 'online again (stream resumed)');
      void box.flush(true);
    });
    client.streamManagement.on('ack', (stanza: { attrs: Record<string, unknown> }) => {
      box.acknowledged(typeof stanza.attrs.id === 'string' ? stanza.attrs.id : undefined);
    });
    client.on('offline', () => roster.reset());
    client.on('reconnect-scheduled', ({ attempt, retryAt }: { attempt: number; retryAt: number }) => {
      if (!current.stopping && client.status === 'disconnect') setState({ kind: 'reconnecting', attempt, retryAt });
    });
    let lastError = '';
    const reportError = (text: string): void => {
      // start() rejects with the error the client also emitted: show it once.
      if (text !== lastError) consoleLine('error', text);
      lastError = text;
    };
    client.on('error', (error: Error) => {
      // A final failure on a reconnect attempt (password changed meanwhile, certificate
      // changed) ends the retries; the status line must say so instead of "reconnecting".
      if (FINAL_ERRORS.has(error.name) && client.status !== 'online') setState({ kind: 'failed', reason: error.message });
      reportError(error.message);
    });

    client.start().catch(async (error: unknown) => {
      const reason = describe(error);
      // Authentication and TLS failures are final; anything else (network) is retried by the
      // client with backoff, and its reconnecting state is already on the status line.
      const final = error instanceof Error && FINAL_ERRORS.has(error.name);
      if (final || client.status !== 'disconnect') setState({ kind: 'failed', reason });
      reportError(reason);
      if (final && error.name === 'CertificateError') await certificateRefused(error as CertificateError);
    });
  };

  const wireMessages = (client: XmppClient): MessagesFeature =>
    messagesFeature(
      client,
      {
        onMessage: catchUp.live,
        onDropped(reason) {
          consoleLine('error', `dropped a message (${reason})`);
        },
        onError(error) {
          const outcome = getOutbox().refused(error);
          const who = sanitizeLine(error.peer) || 'an unknown sender';
          if (outcome === 'unknown') consoleLine('error', `${who} refused a message: ${sanitizeLine(error.reason)}`);
          // RFC 6120 §8.3: only the recipient, or its server, returns an error about a message.
          else if (outcome === 'not-recipient') consoleLine('error', `ignored a delivery error from ${who}: the message went to someone else`);
        },
      },
      { ownJid: () => jid, isRoom: (from) => rooms.isRoom(from), delayFrom: catchUp.delayFrom },
    );

  const learnMechanism = (used: string | undefined): void => {
    if (!settings.saved || !used || used === settings.mechanism) return;
    settings.mechanism = used;
    deps.onLearnt?.({ mechanism: used });
  };

  const certificateRefused = async (error: CertificateError): Promise<void> => {
    // A certificate that changed after pinning is never offered for trust again here.
    if (settings.pinnedCertificates.length > 0 || !deps.onUntrustedCertificate) return;
    const choice = await deps.onUntrustedCertificate(error);
    if (choice === 'refuse') return;
    const fingerprint = error.details.fingerprint;
    if (choice === 'always' && settings.saved) {
      settings.pinnedCertificates = [...settings.pinnedCertificates, fingerprint];
      deps.onLearnt?.({ pinnedCertificates: settings.pinnedCertificates });
      consoleLine('info', `pinned certificate ${fingerprint} in the config file`);
    } else oncePins.push(fingerprint);
    await stopSession();
    void connect();
  };

  const stopSession = async (): Promise<void> => {
    const current = session;
    if (!current) return;
    current.stopping = true;
    session = undefined;
    catchUp.sessionEnded();
    current.messages.stop();
    current.locks.stop();
    rooms.detach();
    if (current.client.status === 'online') await current.client.send(buildUnavailablePresence()).catch(() => undefined);
    await current.client.shutdown();
  };

  return {
    jid,
    rooms,
    subscriptionRequests: () => requests.pending(),
    async answerSubscription(peer, approve) {
      if (!session?.client.isReady()) throw new Error(`${jid} is offline; answer once it is connected (the server asks again at login)`);
      for (const stanza of requests.answer(peer, approve)) await session.client.send(stanza);
    },
    state: () => state,
    sendMessage(to, body) {
      chatStates.sent(to);
      disclosure.wroteTo(to);
      getOutbox().send(to, body);
    },
    olderFromArchive(peer) {
      if (!session?.client.isReady()) return Promise.reject(new Error(`${jid} is offline; older messages come from the server archive once it is connected`));
      return archive.older(session.client, peer);
    },
    typing(peer, hasText) {
      chatStates.typing(peer, hasText);
    },
    chatFocus(peer, change) {
      chatStates.focus(peer, change);
    },
    async correct(peer, body) {
      const original = history.lastOutgoing(jid, peer);
      const originalId = original?.originId;
      if (!original || !originalId) throw new Error(`there is no message of yours to ${peer} to correct`);
      if (!session?.client.isReady()) throw new Error(`${jid} is not connected; a correction can only be sent online`);
      const id = randomUUID();
      await session.client.send(buildCorrection(session.locks.target(peer), body, originalId, id));
      history.add({ account: jid, peer, direction: 'out', sender: jid, body, at: Date.now(), originId: id, messageId: id, replaces: original.id, delivery: 'sent' });
      store.dispatch({ type: 'line/replace', tabId: chatTabId(peer), rowId: original.id, text: sanitizeText(body) });
    },
    traceXml(sink) {
      xmlSink = sink;
      retrace();
    },
    connect() {
      connect().catch((error: unknown) => {
        setState({ kind: 'failed', reason: describe(error) });
        consoleLine('error', describe(error));
      });
    },
    async disconnect() {
      wanted = false;
      chatStates.stop();
      await stopSession();
      setState({ kind: 'offline' });
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
