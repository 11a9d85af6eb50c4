import type { Element } from '@xmpp/xml';
import { readFile } from 'node:fs/promises';
import type { ConnectionState } from '../../domain/connection-state.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import type { MessageHistory } from '../../history/message-history.js';
import type { Store } from '../../store/create-store.js';
import { buildChatState } from '../../xmpp/features/chat-states/chat-states.js';
import { NS_CHATSTATES } from '../../xmpp/features/messages/ns.js';
import { askOnlyForSupported } from '../../xmpp/features/peer-caps/ask-only-for-supported.js';
import { peerCaps, type PeerCaps } from '../peer-caps/peer-caps.js';
import type { CapsIdentity } from '../../xmpp/features/peer-caps/parse.js';
import { buildUnavailablePresence } from '../../xmpp/features/presence/build.js';
import type { XmlTraceEntry } from '../../xmpp/features/xml-console/trace.js';
import { sessionTrace } from '../xml-console/session-trace.js';
import { sendCorrection } from '../conversations/send-correction.js';
import { certificateTrust } from './certificate-trust.js';
import { createXmppClient } from '../../xmpp/session/create-client.js';
import type { CertificateError } from '../../xmpp/session/errors.js';
import { randomResource } from '../../xmpp/session/resource.js';
import type { AccountSettings } from './account-settings.js';
import type { ChatTabs } from '../conversations/chat-tabs.js';
import { chatReceiver } from '../conversations/chat-receiver.js';
import { redateChatRow } from '../conversations/redate-chat-row.js';
import { chatStateSender } from '../chat-states/chat-state-sender.js';
import { disclosurePolicy } from '../privacy/may-tell.js';
import { subscriptionRequests } from '../roster/subscriptions.js';
import type { ContactProfile } from '../roster/roster-sync.js';
import { archiveCatchUp } from '../archive/archive-catch-up.js';
import { accountBlocking, type AccountBlocking } from '../blocking/block-list.js';
import { createArchivePaging, type OlderResult } from '../archive/archive-paging.js';
import { accountRooms, type AccountRooms } from '../rooms/account-rooms.js';
import { ownPresence, type OwnPresenceControl } from '../presence/own-presence.js';
import type { UserActivity } from '../presence/answer-last.js';
import type { OwnPresence } from '../../domain/own-presence.js';
import type { EventSink } from '../../domain/events.js';
import type { RosterEdit } from '../../commands/types.js';
import { answerSubscriptionOn, editRosterOn } from '../roster/session-roster.js';
import { accountVoice, describe, sessionOutbox, startSession, type AccountParts, type Session } from './session-wiring.js';
import { availability } from '../../xmpp/features/presence/build.js';
import { accountAvatars, type AccountAvatars } from '../avatars/account-avatars.js';
import type { ClientState } from '../../xmpp/features/csi/csi.js';
import { clientStateIndication } from '../csi/client-state.js';

export interface AccountRuntimeCore {
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
  /** The person looks at natter or not (terminal focus): Client State Indication, XEP-0352. */
  clientState(state: ClientState): void;
  connect(): void;
  /** Rooms (XEP-0045) of this account. */
  readonly rooms: AccountRooms;
  /** The presence the user chose for this account (/status, /priority, /invisible). */
  readonly presence: OwnPresenceControl;
  /** Bare JIDs that asked to see this account's presence and wait for an answer. */
  subscriptionRequests(): string[];
  /** Approves (and asks back) or refuses `jid`'s request to see this account's presence (RFC 6121 §3.1). */
  answerSubscription(jid: string, approve: boolean): Promise<void>;
  /** A change to the roster or a presence subscription (RFC 6121), on the current session; its summary. */
  editRoster(edit: RosterEdit): Promise<string>;
  /** Every element in and out of this account's sessions (secrets hidden) to `sink`, until undefined. */
  traceXml(sink: ((entry: XmlTraceEntry) => void) | undefined): void;
  /** Logs out (unavailable presence first); the account stays offline until connect(). */
  disconnect(): Promise<void>;
  /** An IQ get to `to` on the current session (a feature asking another entity); rejects when offline, like xmpp.js on an error or timeout. */
  ask(child: Element, to: string, timeoutMs: number): Promise<Element | undefined>;
  /** The full JID a contact shows by (its best online resource), if one is online. */
  onlineAt(contact: string): string | undefined;
  /** An IQ set to the account itself on the current session (publishing its vCard); rejects when offline. */
  setOwn(child: Element, timeoutMs: number): Promise<Element | undefined>;
  /** What the current session knows of `jid` (roster item, online resources); undefined while offline. */
  contactProfile(jid: string): ContactProfile | undefined;
  /** Avatar hashes heard from contacts, and the account's own (XEP-0084, XEP-0153). */
  readonly avatars: AccountAvatars;
  /** Who a peer's device says it is in its caps (XEP-0115: its disco identity), once known. */
  deviceIdentity(full: string): CapsIdentity | undefined;
}

/** An account runtime with its blocking (XEP-0191): its block list and the current session's requests. */
export type AccountRuntime = AccountRuntimeCore & AccountBlocking;

export interface AccountDeps {
  store: Store;
  tabs: ChatTabs;
  history: MessageHistory;
  getPassword(): Promise<string>;
  /** Asks the user what to do with a certificate natter could not verify; undefined = refuse. */
  onUntrustedCertificate?(error: CertificateError): Promise<'always' | 'once' | 'refuse'>;
  /** For `natter ctl --events`: messages and connection states as they happen. */
  onEvent?: EventSink;
  /** When the user last touched the keyboard, for XEP-0012 answers. */
  activity?: UserActivity;
  /** Settings learnt while connecting (a pinned certificate, the SASL mechanism used). */
  onLearnt?(patch: { pinnedCertificates?: string[]; mechanism?: string; lastPresence?: OwnPresence }): void;
}

/**
 * One account: its session (rebuilt on each connect), translated into store actions
 * (connection state, roster, messages sanitized before they can reach the screen), and an
 * outbox that outlives sessions.
 */
export function createAccountRuntime(settings: AccountSettings, deps: AccountDeps): AccountRuntime {
  const { store, tabs, history } = deps;
  const jid = settings.jid;
  const events = deps.onEvent ? { onEvent: deps.onEvent } : {};
  const { state, setState, consoleLine } = accountVoice(jid, store, deps.onEvent);
  let session: Session | undefined;
  const ready = (): Session | undefined => (session?.client.isReady() ? session : undefined);
  // Random, so no stranger can guess the full JID; one per run, kept across reconnects.
  const resource = randomResource();
  // Chat states reveal activity: only to contacts and people we wrote to, like receipts.
  const disclosure = disclosurePolicy(jid, store, history);
  // What peers support (XEP-0115 caps): chat states and receipt requests only where they are
  // (or where it is not known: see ask-only-for-supported.ts), as Profanity does.
  const caps = peerCaps();
  const chatStates = chatStatesOut(ready, caps, disclosure.mayTell);
  // One way out for everything the user writes, chats and rooms: it outlives sessions.
  const outbox = sessionOutbox(jid, () => session, { history, store, tabs, ...events });
  outbox.use((stanza) => askOnlyForSupported(stanza, caps.supports));
  const rooms = accountRooms(jid, { store, tabs, history, consoleLine, outbox, ...events, availability: () => availability(presence.current()) });
  const requests = subscriptionRequests(jid, { store, consoleLine, ...events });
  const presence = ownPresence(jid, { store, consoleLine, initial: settings.presence, remember: (lastPresence) => deps.onLearnt?.({ lastPresence }), occupants: () => rooms.occupantJids() });
  const receive = chatReceiver(jid, { store, tabs, history, rooms, disclosure, consoleLine, ...events });
  const blocking = accountBlocking(jid, consoleLine, () => ready()?.blocking);
  const trace = sessionTrace();
  const archive = createArchivePaging(jid, history, (reason) => consoleLine('error', `ignored an archive result (${sanitizeLine(reason)})`), (peer, id) => outbox.delivered(peer, id));
  const catchUp = archiveCatchUp(jid, { history, receive: (message, fromArchive) => receive(message, fromArchive), redate: redateChatRow(history, store), delivered: (peer, id) => outbox.delivered(peer, id), consoleLine });
  const trust = accountTrust(settings, deps, consoleLine);
  const avatars = accountAvatars();
  const csi = clientStateIndication((told) => store.dispatch({ type: 'presence/client-state', account: jid, inactive: told === 'inactive' }));

  /** False after disconnect(): a connect still reading its CA file must not go on. */
  let wanted = false;
  const connect = async (): Promise<void> => {
    wanted = true;
    if (session) {
      // Online or on its way: nothing to do. Failed or waiting to retry: try again now.
      if (state().kind !== 'failed' && state().kind !== 'reconnecting') return;
      await stopSession();
    }
    const caPem = settings.caFile ? [await readFile(settings.caFile, 'utf8')] : undefined;
    if (!wanted || session) return;
    session = startSession(createXmppClient({ ...connectionOptions(settings, trust.pins(), caPem), resource, getPassword: deps.getPassword }), parts);
    trace.follow(session.client);
  };

  const parts: AccountParts = {
    jid, store, consoleLine, setState, outbox: () => outbox, rooms, requests, presence, activity: deps.activity, catchUp, blocks: blocking.blocks, disclosure, peerCaps: caps, csi, avatars, ...events,
    learnMechanism(used) {
      if (!settings.saved || !used || used === settings.mechanism) return;
      settings.mechanism = used;
      deps.onLearnt?.({ mechanism: used });
    },
    async certificateRefused(error) {
      if (!(await trust.refused(error))) return;
      await stopSession();
      void connect();
    },
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
    // After the goodbye: the console shows the last presence and the stream's close too.
    trace.follow(undefined);
  };

  return {
    jid, rooms, presence, avatars,
    subscriptionRequests: () => requests.pending(),
    answerSubscription: (peer, approve) => answerSubscriptionOn(jid, ready(), requests, peer, approve),
    editRoster: (edit) => editRosterOn(jid, ready(), requests, edit),
    state,
    sendMessage(to, body) {
      chatStates.sent(to);
      disclosure.wroteTo(to);
      outbox.send({ kind: 'chat', peer: to }, body);
    },
    olderFromArchive(peer) {
      const live = ready();
      if (!live) return Promise.reject(new Error(`${jid} is offline; older messages come from the server archive once it is connected`));
      return archive.older(live.client, peer);
    },
    typing: (peer, hasText) => chatStates.typing(peer, hasText),
    chatFocus: (peer, change) => chatStates.focus(peer, change),
    clientState: (state) => csi.set(state),
    async correct(peer, body) {
      const live = ready();
      if (!live) throw new Error(`${jid} is not connected; a correction can only be sent online`);
      await sendCorrection({ account: jid, history, store, send: (stanza) => live.client.send(stanza), target: (p) => live.locks.target(p), ...events }, peer, body);
    },
    traceXml: (sink) => trace.to(sink),
    ...sessionQueries(jid, ready),
    onlineAt: (contact) => session?.roster.onlineAt(contact),
    deviceIdentity: (full) => caps.identityOf(full),
    ...blocking,
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

/** Questions features ask on the account's current session, and what it knows of contacts; offline, a rejection that says so. */
function sessionQueries(jid: string, ready: () => Session | undefined): Pick<AccountRuntimeCore, 'ask' | 'setOwn' | 'contactProfile'> {
  const offline = (): Promise<never> => Promise.reject(new Error(`${jid} is offline; /connect ${jid} first`));
  return {
    ask: (child, to, timeoutMs) => ready()?.client.iqCaller.get(child, to, timeoutMs) ?? offline(),
    setOwn: (child, timeoutMs) => ready()?.client.iqCaller.set(child, undefined, timeoutMs) ?? offline(),
    contactProfile: (contact) => ready()?.roster.profile(contact),
  };
}

/** The person's chat states (XEP-0085), sent on the live session to peers whose caps do not rule them out. */
function chatStatesOut(ready: () => Session | undefined, caps: PeerCaps, mayTell: (peer: string) => boolean) {
  return chatStateSender((peer, chatState) => {
    const live = ready();
    const to = live?.locks.target(peer);
    if (live && to && caps.supports(to, NS_CHATSTATES) !== false) void live.client.send(buildChatState(to, chatState)).catch(() => undefined);
  }, mayTell);
}

/** The account's certificate trust: pins from its settings, new ones asked for and saved as learnt. */
function accountTrust(settings: AccountSettings, deps: AccountDeps, consoleLine: (kind: 'info' | 'error', text: string) => void) {
  return certificateTrust({
    settings, consoleLine, ...(deps.onUntrustedCertificate ? { ask: deps.onUntrustedCertificate } : {}),
    onPinned: (pinnedCertificates) => deps.onLearnt?.({ pinnedCertificates }),
  });
}

/** createXmppClient's connection options for an account (no password: it is asked for just in time). */
function connectionOptions(settings: AccountSettings, pins: string[], caPem: string[] | undefined) {
  return {
    jid: settings.jid,
    directTls: settings.directTls,
    pinnedFingerprints: pins,
    ...(settings.host === undefined ? {} : { host: settings.host }),
    ...(settings.port === undefined ? {} : { port: settings.port }),
    ...(caPem ? { caPem } : {}),
    ...(settings.mechanism ? { pinnedMechanism: settings.mechanism } : {}),
  };
}
