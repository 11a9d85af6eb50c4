import { readFile } from 'node:fs/promises';
import type { ConnectionState } from '../domain/connection-state.js';
import { chatTabId } from '../domain/jid.js';
import type { MessageHistory } from '../history/message-history.js';
import type { ChatTabs } from './chat-tabs.js';
import { sanitizeLine, sanitizeText } from '../domain/sanitize.js';
import { CONSOLE_TAB_ID } from '../domain/tab.js';
import type { Store } from '../store/create-store.js';
import { buildEnableCarbons } from '../xmpp/features/carbons/build.js';
import { messagesFeature } from '../xmpp/features/messages/feature.js';
import { buildInitialPresence, buildUnavailablePresence } from '../xmpp/features/presence/build.js';
import { createXmppClient } from '../xmpp/session/create-client.js';
import type { OneRunAccount } from './cli.js';

export interface AccountRuntime {
  jid: string;
  sendMessage(to: string, body: string): Promise<void>;
  stop(): Promise<void>;
}

const FINAL_ERRORS = new Set(['AuthenticationError', 'CertificateError', 'TlsRequiredError']);

/** xmpp.js status names → the state machine the status line shows. */
const STATUS: Record<string, ConnectionState> = {
  connecting: { kind: 'connecting' },
  connect: { kind: 'securing' },
  opening: { kind: 'securing' },
  open: { kind: 'authenticating' },
  offline: { kind: 'offline' },
  disconnect: { kind: 'offline' },
};

/**
 * Connects one account and translates its events into store actions: connection state,
 * incoming messages (sanitized here, before anything can reach the screen), errors.
 */
export async function startAccount(
  store: Store,
  account: OneRunAccount,
  getPassword: () => Promise<string>,
  tabs: ChatTabs,
  history?: MessageHistory,
): Promise<AccountRuntime> {
  const caPem = account.caFile ? [await readFile(account.caFile, 'utf8')] : undefined;
  const jid = account.jid;
  const setState = (state: ConnectionState): void => store.dispatch({ type: 'connection/state', account: jid, state });
  const consoleLine = (kind: 'info' | 'error', text: string): void =>
    store.dispatch({ type: 'line/append', tabId: CONSOLE_TAB_ID, kind, text });

  const client = createXmppClient({
    jid,
    getPassword,
    directTls: account.directTls,
    ...(account.host === undefined ? {} : { host: account.host }),
    ...(account.port === undefined ? {} : { port: account.port }),
    ...(caPem ? { caPem } : {}),
  });
  setState({ kind: 'offline' });
  client.on('status', (status: string) => {
    const state = STATUS[status];
    if (state) setState(state);
  });
  client.on('online', () => {
    setState({ kind: 'online', resumed: false });
    consoleLine('info', `${jid}: online`);
    void client.send(buildInitialPresence());
    // XEP-0280: copies of what this account sends and receives on its other devices.
    client.iqCaller.set(buildEnableCarbons()).catch((error: unknown) => {
      consoleLine('info', `${jid}: message carbons are not available (${error instanceof Error ? error.message : String(error)})`);
    });
  });
  let stopping = false;
  client.on('reconnect-scheduled', ({ attempt, retryAt }: { attempt: number; retryAt: number }) => {
    if (!stopping && client.status === 'disconnect') setState({ kind: 'reconnecting', attempt, retryAt });
  });
  let lastError = '';
  const reportError = (text: string): void => {
    // start() rejects with the error the client also emitted: show it once.
    if (text !== lastError) consoleLine('error', text);
    lastError = text;
  };
  client.on('error', (error: Error) => reportError(`${jid}: ${error.message}`));

  const messages = messagesFeature(client, {
    onMessage(message) {
      // The tab opens with the stored conversation; then this message is written to the
      // history before it is shown, and a copy seen before (same origin-id) is not shown twice.
      const tabId = tabs.open(message.peer, false);
      const incoming = message.direction === 'in';
      const stored = history?.add({
        account: jid,
        peer: message.peer,
        direction: message.direction,
        sender: incoming ? (message.fullJid ?? message.peer) : jid,
        body: message.body,
        at: message.at,
        ...(message.originId ? { originId: message.originId } : {}),
        ...(message.id ? { messageId: message.id } : {}),
      });
      if (stored?.duplicate) return;
      const peer = sanitizeLine(message.peer);
      store.dispatch({
        type: 'line/append',
        tabId,
        kind: incoming ? 'incoming' : 'outgoing',
        from: incoming ? peer : 'me',
        text: sanitizeText(message.body),
        at: message.at,
      });
    },
    onDropped(reason) {
      consoleLine('error', `${jid}: dropped a message (${reason})`);
    },
  }, () => jid);

  client.start().catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    // Authentication and TLS failures are final; anything else (network) is retried by the
    // client with backoff, and its reconnecting state is already on the status line.
    const final = error instanceof Error && FINAL_ERRORS.has(error.name);
    if (final || client.status !== 'disconnect') setState({ kind: 'failed', reason });
    reportError(`${jid}: ${reason}`);
  });

  return {
    jid,
    async sendMessage(to, body) {
      if (client.status !== 'online') throw new Error(`${jid} is not connected (${client.status}); the message was not sent`);
      const sent = await messages.send(to, body);
      tabs.open(to, false);
      history?.add({ account: jid, peer: to, direction: 'out', sender: jid, body, at: sent.at, ...(sent.originId ? { originId: sent.originId } : {}), delivery: 'sent' });
      store.dispatch({ type: 'line/append', tabId: chatTabId(to), kind: 'outgoing', from: 'me', text: sanitizeText(sent.body), at: sent.at });
    },
    async stop() {
      stopping = true;
      messages.stop();
      if (client.status === 'online') await client.send(buildUnavailablePresence()).catch(() => undefined);
      await client.stop().catch(() => undefined);
    },
  };
}
