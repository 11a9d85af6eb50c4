import { randomUUID } from 'node:crypto';
import xml, { type Element } from '@xmpp/xml';
import type { ChatMessage } from '../../../domain/chat-message.js';
import { bareJid } from '../../../domain/jid.js';
import type { InboundPort } from '../forwarding/inbound-port.js';
import { NS_MAM, type InboundMessage } from '../forwarding/unwrap.js';
import { parseChatMessage } from '../messages/parse.js';
import { parseReceipt } from '../receipts/parse.js';

export { NS_MAM };
const NS_RSM = 'http://jabber.org/protocol/rsm';

/** XEP-0313 §4: one page of the account's own archive, after an archive id or the newest. */
export function buildMamQuery(queryId: string, page: { after?: string; max: number }): Element {
  return xml(
    'query',
    { xmlns: NS_MAM, queryid: queryId },
    xml('set', { xmlns: NS_RSM }, xml('max', {}, String(page.max)), page.after ? xml('after', {}, page.after) : xml('before')),
  );
}

export type MamResult = { ok: true; message: ChatMessage } | { ok: false; reason: string };

/**
 * An archived message (XEP-0313 §4.2, taken off its <result/> and checked by the inbound
 * router, forwarding/unwrap.ts) as a chat message of the account: oriented by its sender,
 * with its archive id and the time the archive got it.
 */
export function parseArchived(result: ArchivedMessage, ownJid: string): MamResult {
  const inner = result.stanza;
  const outgoing = bareJid(String(inner.attrs.from ?? '')) === ownJid;
  const peer = outgoing ? String(inner.attrs.to ?? '') : String(inner.attrs.from ?? '');
  const parsed = parseChatMessage(inner, { now: () => result.at, from: peer });
  if (!parsed.ok) return parsed;
  return { ok: true, message: { ...parsed.message, direction: outgoing ? 'out' : 'in', stanzaId: result.archiveId } };
}

type ArchivedMessage = Extract<InboundMessage, { via: 'archive' }>;

/** A delivery receipt (XEP-0184) in the archive: `peer` confirmed our message `id`. */
export interface ArchivedReceipt {
  peer: string;
  id: string;
}

/** What one result of the account's own archive (checked by the router) is to natter. */
export type ArchivedItem =
  | { kind: 'message'; message: ChatMessage }
  | { kind: 'receipt'; receipt: ArchivedReceipt }
  /** Archived, but nothing natter shows: a chat marker, an invitation, a groupchat or error message. */
  | { kind: 'other' }
  | { kind: 'unreadable'; reason: string }
  /** Nothing the account's archive can hold: a message neither from nor to the account. */
  | { kind: 'forged'; reason: string };

/**
 * Servers archive more than chat messages: Prosody's mod_mam keeps receipts ("if it's important
 * enough to ask for a receipt then it's important enough to archive and the same applies to
 * the receipt"), chat markers and invitations, none with a body. A receipt someone sent us is
 * read; the rest are passed over without a word (they come from our own archive: no forgery).
 */
export function readArchived(result: ArchivedMessage, ownJid: string): ArchivedItem {
  // XEP-0313 §3: a user's archive holds the messages "sent to or from" the user. (Prosody takes
  // a message without 'to' as one to the account's own bare JID.)
  const from = bareJid(String(result.stanza.attrs.from ?? ''));
  const to = result.stanza.attrs.to === undefined ? ownJid : bareJid(String(result.stanza.attrs.to));
  if (from !== ownJid && to !== ownJid) return { kind: 'forged', reason: `a message from ${from || '(no from)'} to ${to || '(no to)'} in the archive of ${ownJid}` };
  const parsed = parseArchived(result, ownJid);
  if (parsed.ok) return { kind: 'message', message: parsed.message };
  const receipt = parseReceipt(result.stanza);
  // Ours (sent from one of our devices) confirm the peer's messages: nothing of ours to mark.
  if (receipt?.kind === 'received' && receipt.peer !== ownJid) return { kind: 'receipt', receipt: { peer: receipt.peer, id: receipt.id } };
  if (parsed.reason === 'no body' || parsed.reason.startsWith('type ')) return { kind: 'other' };
  return { kind: 'unreadable', reason: parsed.reason };
}

/** What an archive query needs of a session (the seam tests fake). */
export interface MamPort extends Pick<InboundPort, 'onArchive'> {
  iqCaller: { request(stanza: Element): Promise<Element> };
}

export interface MamHandlers {
  onMessage(message: ChatMessage): void;
  /** A forged result: not from the account's own archive, or not of XEP-0313's form. */
  onRejected(reason: string): void;
  /** A receipt from `peer` for our message `id` (to be applied only to a message to that peer). */
  onReceipt?(receipt: ArchivedReceipt): void;
  /** A result from our own archive that is no chat message and could not be read either. */
  onUnreadable?(reason: string): void;
  /** Every result from our archive that is not a chat message (a forged one too), by archive id: a cursor moves past it. */
  onPassed?(archiveId: string): void;
}

/** One query: its results go to `handlers` while it runs; resolves with the <fin/> (XEP-0313 §4.3). */
export async function runMamQuery(port: MamPort, ownJid: string, queryId: string, query: Element, handlers: MamHandlers): Promise<{ first?: string; last?: string; complete: boolean; count: number }> {
  let count = 0;
  const stop = port.onArchive(queryId, (result) => {
    if (result.via === 'rejected') return handlers.onRejected(result.reason);
    const item = readArchived(result, ownJid);
    if (item.kind === 'message') {
      count++;
      return handlers.onMessage(item.message);
    }
    if (item.kind === 'forged') handlers.onRejected(item.reason);
    else if (item.kind === 'receipt') handlers.onReceipt?.(item.receipt);
    else if (item.kind === 'unreadable') handlers.onUnreadable?.(item.reason);
    handlers.onPassed?.(result.archiveId);
  });
  let fin: Element | undefined;
  try {
    const answer = await port.iqCaller.request(xml('iq', { type: 'set' }, query));
    fin = answer.getChild('fin', NS_MAM) ?? undefined;
  } finally {
    stop();
  }
  const set = fin?.getChild('set', NS_RSM);
  const first = set?.getChildText('first') ?? undefined;
  const last = set?.getChildText('last') ?? undefined;
  return { ...(first ? { first } : {}), ...(last ? { last } : {}), complete: fin?.attrs.complete === 'true', count };
}

/**
 * Catches up from the archive: every page after `after` (or the newest page when there is
 * no id yet), each result handed to `onMessage` in archive order. Returns the last id seen.
 */
export async function catchUp(
  port: MamPort,
  ownJid: string,
  after: string | undefined,
  handlers: MamHandlers & {
    /** The server answered the first query: whatever it sent before that query has arrived. */
    onFirstAnswer?(): void;
  },
  options: { max?: number; maxPages?: number } = {},
): Promise<{ last?: string; count: number }> {
  const max = options.max ?? 100;
  let cursor = after;
  let count = 0;
  for (let page = 0; page < (options.maxPages ?? 50); page++) {
    const queryId = randomUUID();
    const fin = await runMamQuery(port, ownJid, queryId, buildMamQuery(queryId, { max, ...(cursor ? { after: cursor } : {}) }), handlers);
    if (page === 0) handlers.onFirstAnswer?.();
    count += fin.count;
    if (fin.last) cursor = fin.last;
    // Without an id we asked for the newest page only; with one, page until complete.
    if (!after || fin.complete || !fin.last) break;
  }
  return { ...(cursor ? { last: cursor } : {}), count };
}
