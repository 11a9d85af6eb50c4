import type { Element } from '@xmpp/xml';
import { NS_BLOCKING } from './build.js';
import { blockJid } from './jid-match.js';

/** The most JIDs read from one block list or push: more is not a person's list but a flood. */
export const MAX_BLOCKED = 10_000;

/** A change the server pushes (XEP-0191 §3.3, §3.4, §3.5), or a list it answered with. */
export type BlockChange =
  | { kind: 'block'; jids: string[] }
  | { kind: 'unblock'; jids: string[] }
  /** §3.5: an empty <unblock/>, everyone is unblocked. */
  | { kind: 'unblock-all' };

export type BlocklistParse = { ok: true; jids: string[]; skipped: number } | { ok: false; reason: string };

/**
 * Reads the <blocklist/> of a §3.2 answer: each <item/>'s JID, as blockJid writes it, once; an
 * item without a JID natter can read is skipped and counted (one bad item does not hide the rest).
 */
export function parseBlocklist(blocklist: Element | undefined): BlocklistParse {
  if (!blocklist || !blocklist.is('blocklist', NS_BLOCKING)) return { ok: false, reason: 'no <blocklist/> in the answer' };
  const { jids, skipped } = itemJids(blocklist);
  return { ok: true, jids, skipped };
}

/**
 * Reads a block or unblock push (the <block/> or <unblock/> of an IQ set from the account's
 * server). A <block/> without a JID is no change; an <unblock/> without any <item/> is §3.5's
 * "unblock all"; one whose items are all unreadable is not that, and is no change either.
 */
export function parseBlockPush(payload: Element | undefined): BlockChange | undefined {
  if (!payload) return undefined;
  if (payload.is('block', NS_BLOCKING)) {
    const { jids } = itemJids(payload);
    return jids.length > 0 ? { kind: 'block', jids } : undefined;
  }
  if (!payload.is('unblock', NS_BLOCKING)) return undefined;
  if (payload.getChildren('item').length === 0) return { kind: 'unblock-all' };
  const { jids } = itemJids(payload);
  return jids.length > 0 ? { kind: 'unblock', jids } : undefined;
}

function itemJids(parent: Element): { jids: string[]; skipped: number } {
  const jids = new Set<string>();
  let skipped = 0;
  for (const item of parent.getChildren('item')) {
    const jid = typeof item.attrs.jid === 'string' ? blockJid(item.attrs.jid) : '';
    if (!jid || jids.size >= MAX_BLOCKED) skipped++;
    else jids.add(jid);
  }
  return { jids: [...jids], skipped };
}
