import type { Element } from '@xmpp/xml';
import type { EventSink } from '../../domain/events.js';
import { chatTabId } from '../../domain/tab-address.js';
import { sanitizeLine, sanitizeText } from '../../domain/sanitize.js';
import { CONSOLE_TAB_ID } from '../../domain/tab.js';
import type { ConnectionState } from '../../domain/connection-state.js';
import type { Store } from '../../store/create-store.js';
import { carbonsFeature } from '../../xmpp/features/carbons/feature.js';
import { parseChatState } from '../../xmpp/features/chat-states/chat-states.js';
import { NS_CHATSTATES } from '../../xmpp/features/messages/ns.js';
import { discoFeature } from '../../xmpp/features/disco/feature.js';
import { messagesFeature, type MessagesFeature } from '../../xmpp/features/messages/feature.js';
import { resourceLocks, type ResourceLocks } from '../../xmpp/features/messages/resource-lock.js';
import { receiptsFeature } from '../../xmpp/features/receipts/feature.js';
import { FINAL_ERRORS, type XmppClient } from '../../xmpp/session/create-client.js';
import { IqAbortedError, type CertificateError } from '../../xmpp/session/errors.js';
import { describeStreamError } from '../../xmpp/session/stream-errors.js';
import type { ArchiveCatchUp } from '../archive/archive-catch-up.js';
import type { AccountBlockList } from '../blocking/block-list.js';
import { blockingOnSession, unlessBlocked } from '../blocking/session-blocking.js';
import type { BlockingFeature } from '../../xmpp/features/blocking/feature.js';
import { natterVersion } from '../natter-version.js';
import { createOutbox, type Outbox } from '../outbox/outbox.js';
import type { MessageHistory } from '../../history/message-history.js';
import type { ChatTabs } from '../conversations/chat-tabs.js';
import { mayAnswerQuery, type DisclosurePolicy } from '../privacy/may-tell.js';
import type { PeerCaps } from '../peer-caps/peer-caps.js';
import type { AccountRooms } from '../rooms/account-rooms.js';
import { rosterSync, type RosterSync } from '../roster/roster-sync.js';
import { watchPreApproval } from '../roster/pre-approval.js';
import { watchCsiOffer, type ClientStateIndication, type CsiSessionPort } from '../csi/client-state.js';
import { answerTimeQueries } from '../time/answer-time.js';
import type { SubscriptionRequests } from '../roster/subscriptions.js';
import type { OwnPresenceControl, PresenceSessionPort } from '../presence/own-presence.js';
import { answerLastActivity, type UserActivity } from '../presence/answer-last.js';
import xml from '@xmpp/xml';
import type { AccountAvatars } from '../avatars/account-avatars.js';
import { NS_DISCO_INFO } from '../../xmpp/features/disco/entity.js';

/** What an account lends each of its sessions: the parts that outlive sessions. */
export interface AccountParts {
  jid: string;
  store: Store;
  consoleLine(kind: 'info' | 'error', text: string): void;
  setState(state: ConnectionState): void;
  outbox(): Outbox;
  rooms: AccountRooms;
  requests: SubscriptionRequests;
  presence: OwnPresenceControl;
  /** When the user last touched the keyboard (XEP-0012 answers); absent: nobody is asked. */
  activity?: UserActivity | undefined;
  catchUp: ArchiveCatchUp;
  /** The account's block list (XEP-0191): it filters every session's inbound messages. */
  blocks: AccountBlockList;
  disclosure: DisclosurePolicy;
  /** What peers support (XEP-0115), learnt from their presences: what natter asks of them. */
  peerCaps: PeerCaps;
  /** Avatar hashes (XEP-0084 notifications, XEP-0153 presences) and the account's own, which its presences carry. */
  avatars: AccountAvatars;
  /** Whether the person looks at natter, told to the server (XEP-0352) on each session. */
  csi: ClientStateIndication;
  onEvent?: EventSink;
  /** The SASL mechanism this login used (pinned for the next). */
  learnMechanism(used: string | undefined): void;
  /** A certificate natter could not verify, on a final failure: ask whether to trust it. */
  certificateRefused(error: CertificateError): Promise<void>;
}

export interface Session {
  client: XmppClient;
  messages: MessagesFeature;
  locks: ResourceLocks;
  /** Set when natter ends the session itself: its last states are not shown. */
  stopping: boolean;
  /** The roster and its contacts' presences, as this session learnt them. */
  roster: RosterSync;
  /** Blocking requests (XEP-0191) on this session. */
  blocking: BlockingFeature;
  /** The server offered subscription pre-approval (RFC 6121 §3.4) on this session. */
  preApproval(): boolean;
  /** The server offered Client State Indication (XEP-0352) on this session. */
  csiOffered(): boolean;
}

/** How long a peer has to answer what its caps ver means (it is asked again at its next presence). */
const CAPS_QUERY_MS = 15_000;

/** xmpp.js status names → the state machine the status line shows. */
const STATUS: Record<string, ConnectionState> = {
  connecting: { kind: 'connecting' },
  connect: { kind: 'securing' },
  opening: { kind: 'securing' },
  open: { kind: 'authenticating' },
};

/**
 * One session of an account: every feature reads from the client's inbound router, and the
 * session's life (login, resumption, acks, drops, failures) moves the account's state. Starts it.
 */
export function startSession(client: XmppClient, parts: AccountParts): Session {
  const messages = readMessages(client, parts);
  const locks = resourceLocks(client, () => parts.jid);
  const blocking = blockingOnSession(client, parts.jid, parts.blocks, parts.consoleLine);
  const session: Session = { client, messages, locks, stopping: false, roster: wireFeatures(client, parts), blocking, preApproval: watchPreApproval(client), csiOffered: watchCsiOffer(client) };
  wireLife(session, parts);
  return session;
}

/** One-to-one messages, their errors (a refusal of ours) and what could not be read. */
function readMessages(client: XmppClient, parts: AccountParts): MessagesFeature {
  const { consoleLine, rooms, catchUp } = parts;
  return messagesFeature(
    client,
    {
      onMessage: catchUp.live,
      onDropped: (reason) => consoleLine('error', `dropped a message (${reason})`),
      onError(error) {
        const outcome = parts.outbox().refused(error);
        const who = sanitizeLine(error.peer) || 'an unknown sender';
        if (outcome === 'unknown') consoleLine('error', `${who} refused a message: ${sanitizeLine(error.reason)}`);
        // RFC 6120 §8.3: only the recipient, or its server, returns an error about a message.
        else if (outcome === 'not-recipient') consoleLine('error', `ignored a delivery error from ${who}: the message went to someone else`);
      },
    },
    { ownJid: () => parts.jid, isRoom: (from) => rooms.isRoom(from), delayFrom: catchUp.delayFrom },
  );
}

/** The features besides chat messages: presence subscriptions, chat states, receipts, disco, rooms, roster. */
function wireFeatures(client: XmppClient, parts: AccountParts): RosterSync {
  const { jid, store, consoleLine, disclosure, rooms } = parts;
  // A blocked JID's request to see the account's presence is not shown (its server may pass it on).
  client.onPresence(unlessBlocked(parts.blocks, (stanza) => parts.requests.onStanza(stanza)));
  // Their caps, asked once per ver: receipts and chat states go where they are supported.
  const askCaps = (query: Element, to: string) => client.iqCaller.get(query, to, CAPS_QUERY_MS);
  client.onPresence(unlessBlocked(parts.blocks, (stanza) => {
    if (stanza.attrs.from !== String(client.jid ?? '')) parts.peerCaps.onPresence(stanza, askCaps);
  }));
  // XEP-0085: the peer's chat states are shown (and natter's own sent, chat-state-sender.ts).
  client.advertise(NS_CHATSTATES);
  client.onMessage((message) => {
    const chatState = message.via === 'live' ? parseChatState(message.stanza) : undefined;
    if (chatState && store.getState().tabs.some((t) => t.id === chatTabId(chatState.peer))) {
      store.dispatch({ type: 'tab/peer-state', id: chatTabId(chatState.peer), state: chatState.state });
    }
  });
  // A carbon or archive result that is not from the account's own JID: a forgery.
  client.on('rejected', (reason: string) => consoleLine('error', `dropped a message (${reason})`));
  // Receipts reveal that natter is online: only to contacts and people we wrote to.
  receiptsFeature(client, { onDelivered: (peer, id) => parts.outbox().delivered(peer, id), mayAnswer: disclosure.mayTell });
  // Who may learn that natter is online (and where, and when): disco, version, ping, time.
  const mayAnswer = (from: string): boolean => disclosure.mayAnswerQuery(from, rooms.isRoom);
  discoFeature(client, { version: natterVersion(), mayAnswer });
  answerTimeQueries(client, { mayAnswer });
  parts.avatars.attach(client);
  // How long nobody has typed says whether someone sits there: to contacts only (issue 20).
  const contactAsks = (from: string | undefined): boolean => mayAnswerQuery(jid, from, disclosure.isContact);
  answerLastActivity(client, { mayAnswer: contactAsks, idleSeconds: () => (parts.presence.invisible() ? undefined : parts.activity?.idleSeconds()) });
  rooms.attach(client);
  return rosterSync(client, jid, store, (text) => consoleLine('error', text), (peer, show, status) =>
    parts.onEvent?.({ event: 'presence', account: jid, peer, show, ...(status === undefined ? {} : { status }) }));
}

/** The session's life moves the account's state, and a fresh session starts the account's work. */
function wireLife(session: Session, parts: AccountParts): void {
  const { client, roster } = session;
  const { consoleLine, setState } = parts;
  const box = parts.outbox();
  const carbons = carbonsFeature(client);
  /** Fresh sessions on this client: a block list read for an earlier one starts nothing. */
  let logins = 0;
  client.on('status', (status: string) => {
    const next = STATUS[status];
    if (next && !session.stopping) setState(next);
  });
  client.on('session-ready', () => {
    parts.learnMechanism(client.mechanism());
    session.locks.reset();
    parts.catchUp.sessionStarted();
    parts.csi.sessionStarted(csiPort(session));
    // A fresh session: the roster, carbons, what is still pending; the block list, then initial presence, rooms and the archive.
    roster.fetch().catch(unlessSessionEnded((reason) => consoleLine('error', `could not fetch the roster (${reason})`)));
    carbons.enable().catch(unlessSessionEnded((reason) => consoleLine('info', `message carbons are not available (${reason})`)));
    void box.flush();
    // XEP-0191 §3.2: "A client SHOULD retrieve the block list after authenticating with its
    // server and before completing any blocking or unblocking operations." natter reads it
    // before its initial presence too: what the server kept offline and the archive catch-up
    // come after it, so a message a blocked JID sent before the block is dropped as well.
    const login = ++logins;
    void parts.blocks.load(session.blocking).then(() => {
      if (session.stopping || login !== logins || client.status !== 'online') return;
      // "online" once contacts can see it: the initial presence goes out in this same turn, so
      // whoever reacts to the status line finds natter available (not its messages kept offline).
      setState({ kind: 'online', resumed: false });
      consoleLine('info', 'online');
      void parts.presence.sessionStarted(presencePort(client, parts));
      parts.rooms.rejoin();
      parts.catchUp.start(client);
    });
  });
  client.streamManagement.on('resumed', () => {
    setState({ kind: 'online', resumed: true });
    consoleLine('info', 'online again (stream resumed)');
    parts.csi.sessionStarted(csiPort(session));
    void parts.presence.sessionResumed(presencePort(client, parts));
    // xmpp.js 0.14 emits 'resumed' just before it sets the status back to online (in the same
    // turn, in its stream-management package): flushed now, the outbox
    // would find the session offline and send nothing, and what was written while the link was
    // down would wait for the next login, behind newer messages.
    queueMicrotask(() => {
      void box.flush(true);
      parts.catchUp.sessionResumed(client);
    });
  });
  client.streamManagement.on('ack', (stanza: { attrs: Record<string, unknown> }) => box.acknowledged(typeof stanza.attrs.id === 'string' ? stanza.attrs.id : undefined));
  client.on('offline', () => {
    roster.reset();
    parts.peerCaps.reset();
  });
  // Until the next session says how it stands (resumed, or fresh and invisible again), nothing is sent on the old one.
  client.on('disconnect', () => {
    parts.presence.sessionEnded();
    parts.csi.sessionEnded();
  });
  client.on('reconnect-scheduled', ({ attempt, retryAt }: { attempt: number; retryAt: number }) => {
    if (!session.stopping && client.status === 'disconnect') setState({ kind: 'reconnecting', attempt, retryAt });
  });
  reportFailures(client, parts);
}

/** The account's own presence speaks through this session: its stanzas, IQ-sets and the server's disco#info. */
function presencePort(client: XmppClient, { jid, avatars }: Pick<AccountParts, 'jid' | 'avatars'>): PresenceSessionPort {
  return {
    isReady: () => client.isReady(),
    send: (stanza) => client.send(avatars.withOwnPhoto(stanza)),
    caps: () => client.caps(),
    set: (iq) => client.iqCaller.request(iq),
    serverInfo: () => client.iqCaller.get(xml('query', { xmlns: NS_DISCO_INFO }), jid.slice(jid.indexOf('@') + 1)),
  };
}

/** Client State Indication speaks through this session, where its server offered it. */
function csiPort(session: Session): CsiSessionPort {
  return { offered: () => session.csiOffered(), send: (element) => session.client.send(element) };
}

/**
 * A session's own start-up request failed. When it failed because the session ended before the
 * answer (a server restart drops the link; the session that replaces it asks again), the
 * connection lines already say what happened: nothing more to report.
 */
export function unlessSessionEnded(report: (reason: string) => void): (error: unknown) => void {
  return (error) => {
    if (!(error instanceof IqAbortedError)) report(describe(error));
  };
}

/**
 * Errors once each (a server that stays down refuses every reconnect attempt alike), but again
 * after a session came back in between: the same server frozen twice is said twice. A final one
 * (authentication, TLS) shows as the account's state, not "reconnecting".
 */
export function reportFailures(client: Pick<XmppClient, 'on' | 'start' | 'status' | 'streamManagement'>, parts: Pick<AccountParts, 'consoleLine' | 'setState' | 'certificateRefused'>): void {
  let lastError = '';
  const report = (text: string): void => {
    // start() rejects with the error the client also emitted: show it once.
    if (text !== lastError) parts.consoleLine('error', text);
    lastError = text;
  };
  client.on('session-ready', () => (lastError = ''));
  client.streamManagement.on('resumed', () => (lastError = ''));
  client.on('error', (error: Error) => {
    // A final failure on a reconnect attempt (password changed meanwhile, certificate
    // changed) ends the retries; the status line must say so instead of "reconnecting".
    if (FINAL_ERRORS.has(error.name) && client.status !== 'online') parts.setState({ kind: 'failed', reason: error.message });
    report(describe(error));
  });
  client.start().catch(async (error: unknown) => {
    const reason = describe(error);
    // Authentication and TLS failures are final; anything else (network) is retried by the
    // client with backoff, and its reconnecting state is already on the status line.
    const final = error instanceof Error && FINAL_ERRORS.has(error.name);
    if (final || client.status !== 'disconnect') parts.setState({ kind: 'failed', reason });
    report(reason);
    if (final && error.name === 'CertificateError') await parts.certificateRefused(error as CertificateError);
  });
}

/**
 * The account's outbox, which outlives its sessions: it sends through whichever session is
 * current (to the resource the peer answered from), and reads XEP-0198's state from it.
 */
export function sessionOutbox(account: string, current: () => Session | undefined, deps: { history: MessageHistory; store: Store; tabs: ChatTabs; onEvent?: EventSink }): Outbox {
  return createOutbox({
    account,
    session: {
      isOnline: () => current()?.client.isReady() === true,
      acknowledges: () => current()?.client.acknowledges() === true,
      isQueued: (id) => current()?.client.isQueued(id) === true,
      send: (stanza) => current()?.client.send(stanza) ?? Promise.reject(new Error('offline')),
      target: (peer) => current()?.locks.target(peer) ?? peer,
    },
    ...deps,
  });
}

/**
 * How an account speaks: its connection state (the status line, and a `connection` event) and
 * its lines in the console tab, which carry JIDs, reasons and error texts from the network and
 * are made inert here, once for all.
 */
export function accountVoice(jid: string, store: Store, onEvent: EventSink | undefined) {
  let current: ConnectionState = { kind: 'offline' };
  return {
    state: (): ConnectionState => current,
    setState(next: ConnectionState): void {
      current = next;
      store.dispatch({ type: 'connection/state', account: jid, state: next });
      onEvent?.({ event: 'connection', account: jid, state: next.kind, ...(next.kind === 'failed' ? { reason: next.reason } : {}) });
    },
    consoleLine(kind: 'info' | 'error', text: string): void {
      store.dispatch({ type: 'line/append', tabId: CONSOLE_TAB_ID, kind, text: sanitizeText(`${jid}: ${text}`) });
    },
  };
}

export function describe(error: unknown): string {
  if (error instanceof Error && error.name === 'StreamError') return describeStreamError(error);
  return error instanceof Error ? error.message : String(error);
}
