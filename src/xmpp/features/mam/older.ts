import { randomUUID } from 'node:crypto';
import xml, { type Element } from '@xmpp/xml';
import type { ChatMessage } from '../../../domain/chat-message.js';
import { NS_MAM, runMamQuery, type ArchivedReceipt, type MamPort } from './mam.js';

const NS_DATA = 'jabber:x:data';
const NS_RSM = 'http://jabber.org/protocol/rsm';

export interface OlderQuery {
  /** The peer's bare JID: only this conversation (XEP-0313 §4.1.1 "with"). */
  with: string;
  /** The archive id to page back from (RSM "before"); without it, the newest page. */
  before?: string;
  /** Only messages before this time (XEP-0313 "end"), when no archive id is known. */
  end?: number;
  max: number;
}

/** XEP-0313 §4.1 with the form of §4.1.1 and RSM paging back (XEP-0059 §2.5). */
export function buildOlderQuery(queryId: string, query: OlderQuery): Element {
  const field = (name: string, value: string, type?: string): Element =>
    xml('field', { var: name, ...(type ? { type } : {}) }, xml('value', {}, value));
  return xml(
    'query',
    { xmlns: NS_MAM, queryid: queryId },
    xml(
      'x',
      { xmlns: NS_DATA, type: 'submit' },
      field('FORM_TYPE', NS_MAM, 'hidden'),
      field('with', query.with),
      ...(query.end === undefined ? [] : [field('end', new Date(query.end).toISOString())]),
    ),
    xml('set', { xmlns: NS_RSM }, xml('max', {}, String(query.max)), xml('before', {}, query.before ?? '')),
  );
}

export interface OlderPage {
  messages: ChatMessage[];
  /** Receipts from the peer in the page, oldest first (XEP-0184): they confirm messages of ours. */
  receipts: ArchivedReceipt[];
  rejected: string[];
  /** The oldest archive id of the page: where the next page back starts. */
  first?: string;
  /** The archive has nothing older. */
  complete: boolean;
}

/** The page of `query.with`'s conversation before `query.before`, oldest first. */
export async function fetchOlder(port: MamPort, ownJid: string, query: OlderQuery): Promise<OlderPage> {
  const queryId = randomUUID();
  const messages: ChatMessage[] = [];
  const receipts: ArchivedReceipt[] = [];
  const rejected: string[] = [];
  const fin = await runMamQuery(port, ownJid, queryId, buildOlderQuery(queryId, query), {
    // A result about another conversation is not what was asked for: the server ignored the filter.
    onMessage: (message) => (message.peer === query.with ? messages.push(message) : rejected.push(`archive result for ${message.peer}, asked for ${query.with}`)),
    onRejected: (reason) => rejected.push(reason),
    onUnreadable: (reason) => rejected.push(reason),
    onReceipt: (receipt) => void (receipt.peer === query.with && receipts.push(receipt)),
  });
  return { messages, receipts, rejected, ...(fin.first ? { first: fin.first } : {}), complete: fin.complete || fin.count === 0 };
}
