import type { ConfigStore } from '../../config/load-config.js';
import type { SecretStore } from '../../credentials/secret-store.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import type { MessageHistory } from '../../history/message-history.js';
import { carbonsFeature } from '../../xmpp/features/carbons/feature.js';
import { messagesFeature } from '../../xmpp/features/messages/feature.js';
import type { XmppClient } from '../../xmpp/session/create-client.js';
import type { NatterEvent } from '../../domain/events.js';
import { createStore } from '../../store/create-store.js';
import { initialState } from '../../store/state.js';
import { createChatTabs } from '../../client/conversations/chat-tabs.js';
import { chatReceiver } from '../../client/conversations/chat-receiver.js';
import { accountRooms } from '../../client/rooms/account-rooms.js';
import { disclosurePolicy } from '../../client/privacy/may-tell.js';
import { readBlockList } from '../../client/blocking/session-blocking.js';
import { buildInitialPresence } from '../../xmpp/features/presence/build.js';
import type { AccountChoice } from './cli.js';
import { ExitCode } from './exit-codes.js';
import { chooseAccount, loginOnce, OneShotError } from './one-shot.js';
import { terminalSafeJson } from './search-command.js';

/**
 * `natter listen [JID...]`: prints each chat message as one line ("JID: text", sanitized,
 * newlines as spaces; "to JID: text" for one the user sent from another device, a carbon) or
 * a JSON object per line (its `direction`, "in" or "out"; a correction says which message it
 * corrects), until SIGINT/SIGTERM. Messages are stored in the history as the chat screen
 * stores them (the same receiver), and each is printed once.
 */
export async function runListen(
  request: { peers: string[]; json: boolean; from: AccountChoice },
  config: ConfigStore,
  keychain: readonly SecretStore[],
  history: MessageHistory,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  try {
    const settings = chooseAccount(config, request.from);
    const client = await loginOnce(settings, keychain, { presence: false });
    const wanted = new Set(request.peers);
    const print = (event: NatterEvent): void => {
      if (event.event !== 'message') return;
      const peer = event.peer ?? `${event.room}/${event.nick}`;
      if (wanted.size > 0 && !wanted.has(event.peer ?? event.room)) return;
      const outgoing = event.direction === 'out';
      const from = outgoing ? settings.jid : event.peer !== undefined ? (event.from ?? peer) : peer;
      const corrects = event.peer !== undefined ? event.corrects : undefined;
      out.write(request.json
        ? `${terminalSafeJson({ from, peer, direction: event.direction, at: event.at, body: event.body, ...(corrects ? { corrects } : {}) })}\n`
        : `${outgoing ? 'to ' : ''}${sanitizeLine(peer)}: ${sanitizeLine(joinLines(event.body))}\n`);
    };
    listenThrough(client, settings.jid, history, print);
    await enableCarbons(client);
    // XEP-0191: a blocked JID's messages are dropped, those the server kept offline included:
    // the list is read before the initial presence that has the server hand those over.
    await readBlockList(client, settings.jid, (kind, text) => kind === 'error' && process.stderr.write(`natter: ${sanitizeLine(text)}\n`));
    await client.send(buildInitialPresence(client.caps()));
    // On stderr, so stdout stays the messages only; scripts can wait for this line.
    process.stderr.write(`natter: listening as ${settings.jid}${wanted.size ? ` for ${[...wanted].join(', ')}` : ''}; Ctrl-C stops.\n`);
    await new Promise<void>((resolve) => {
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve());
      client.on('disconnect', () => resolve());
    });
    await client.shutdown();
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof OneShotError)) throw error;
    process.stderr.write(`natter: ${error.message}\n`);
    return error.code;
  }
}

/**
 * XEP-0280 §4: "When a client wants to participate in the Carbons protocol, it enables the
 * protocol by sending an IQ-set containing a child element <enable/>": without it the server
 * copies nothing, and what the user sends from other devices never reaches `listen`.
 */
async function enableCarbons(client: XmppClient): Promise<void> {
  try {
    await carbonsFeature(client).enable();
  } catch (error) {
    const reason = sanitizeLine(error instanceof Error ? error.message : String(error));
    process.stderr.write(`natter: message carbons are not available (${reason}): what you send from your other devices is not shown.\n`);
  }
}

/**
 * The screen's own ingest path, without a screen: messages are stored as the chat screen
 * stores them (a correction linked to its original, a copy seen before not stored twice, a
 * private message through a room under its room and nick), and each one that is new is told
 * to `print` as the event hooks and `natter ctl --events` get it.
 */
function listenThrough(client: XmppClient, account: string, history: MessageHistory, print: (event: NatterEvent) => void): void {
  const store = createStore(initialState(), { intervalMs: 0 }); // nobody draws it
  const tabs = createChatTabs(store, undefined, () => account);
  const consoleLine = (): void => undefined; // notes for a console nobody sees
  const rooms = accountRooms(account, { store, tabs, history, consoleLine, onEvent: print });
  const disclosure = disclosurePolicy(account, store, history);
  const receive = chatReceiver(account, { store, tabs, history, rooms, disclosure, consoleLine, onEvent: print });
  messagesFeature(client, { onMessage: (message) => receive(message) }, { ownJid: () => account });
}

/**
 * One line of a multi-line body: each run of white space that holds a line break becomes one
 * space ("a  \n  b" → "a b"); other white space stays. Matching whole runs keeps this linear:
 * the pattern `\s*\n\s*` is retried from every space of a long run without a line break, which
 * is quadratic (one message of 65,536 spaces took seconds of CPU).
 */
export function joinLines(body: string): string {
  return body.replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run));
}
