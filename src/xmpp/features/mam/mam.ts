import { randomUUID } from 'node:crypto';
import xml, { type Element } from '@xmpp/xml';
import type { ChatMessage } from '../../../domain/chat-message.js';
import { bareJid } from '../../../domain/jid.js';
import { parseChatMessage } from '../messages/parse.js';
import { archivedAt } from '../messages/delay.js';

export const NS_MAM = 'urn:xmpp:mam:2';
const NS_RSM = 'http://jabber.org/protocol/rsm';
const NS_FORWARD = 'urn:xmpp:forward:0';

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
 * A <message><result queryid=… id=…><forwarded>… from the archive. Undefined when the stanza
 * is not a result of `queryId`. XEP-0313 §4.2: results come from the account's own archive,
 * so a result with a `from` other than the account's bare JID is a forgery and rejected.
 */
export function parseMamResult(stanza: Element, ownJid: string, queryId: string): MamResult | undefined {
  const result = stanza.is('message') ? stanza.getChild('result', NS_MAM) : undefined;
  if (!result || result.attrs.queryid !== queryId) return undefined;
  const from = stanza.attrs.from;
  if (from !== undefined && bareJid(String(from)) !== ownJid) return { ok: false, reason: `archive result from ${String(from)}, not from the account's own archive` };
  const id = result.attrs.id;
  const forwarded = result.getChild('forwarded', NS_FORWARD);
  const inner = forwarded?.getChild('message');
  if (typeof id !== 'string' || !inner) return { ok: false, reason: 'archive result without id or message' };
  // XEP-0313 §4.2: the <delay/> of <forwarded/> is when the archive (our server) got the
  // message; one inside the archived message is its sender's claim and is not read.
  const now = Date.now();
  const at = (forwarded && archivedAt(forwarded, now)) ?? now;
  const sender = bareJid(String(inner.attrs.from ?? ''));
  const outgoing = sender === ownJid;
  const peer = outgoing ? String(inner.attrs.to ?? '') : String(inner.attrs.from ?? '');
  const parsed = parseChatMessage(inner, { now: () => at, from: peer });
  if (!parsed.ok) return parsed;
  return { ok: true, message: { ...parsed.message, direction: outgoing ? 'out' : 'in', stanzaId: id } };
}

export interface MamPort {
  on(event: 'stanza', listener: (stanza: Element) => void): unknown;
  off(event: 'stanza', listener: (stanza: Element) => void): unknown;
  iqCaller: { request(stanza: Element): Promise<Element> };
}

export interface MamHandlers {
  onMessage(message: ChatMessage): void;
  onRejected(reason: string): void;
}

/** One query: its results go to `handlers` while it runs; resolves with the <fin/> (XEP-0313 §4.3). */
export async function runMamQuery(port: MamPort, ownJid: string, queryId: string, query: Element, handlers: MamHandlers): Promise<{ first?: string; last?: string; complete: boolean; count: number }> {
  let count = 0;
  const listener = (stanza: Element): void => {
    const result = parseMamResult(stanza, ownJid, queryId);
    if (!result) return;
    if (!result.ok) return handlers.onRejected(result.reason);
    count++;
    handlers.onMessage(result.message);
  };
  port.on('stanza', listener);
  let fin: Element | undefined;
  try {
    const answer = await port.iqCaller.request(xml('iq', { type: 'set' }, query));
    fin = answer.getChild('fin', NS_MAM) ?? undefined;
  } finally {
    port.off('stanza', listener);
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
