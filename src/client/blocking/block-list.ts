import { bareJid } from '../../domain/jid.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import type { BlockingFeature } from '../../xmpp/features/blocking/feature.js';
import { isBlockedJid } from '../../xmpp/features/blocking/jid-match.js';
import { MAX_BLOCKED, type BlockChange } from '../../xmpp/features/blocking/parse.js';
import { IqAbortedError } from '../../xmpp/session/errors.js';
import type { InboundStep } from '../../xmpp/session/inbound-router.js';

/** Error conditions with which a server says it does not do XEP-0191 at all. */
const UNSUPPORTED = new Set(['service-unavailable', 'feature-not-implemented']);

/**
 * One account's block list (XEP-0191): the server's, read at each login and kept current from its
 * pushes, so it is the same on all of the person's clients. It outlives sessions: between two, the
 * last list read still filters. Besides the server's filtering, natter drops every message from a
 * blocked JID itself (`inboundStep`, ahead of every feature: chats, carbons, archive results,
 * rooms and their private messages, chat states, receipts), since a server does not filter what it
 * stored before the block (the archive, offline messages) and need not filter all it routes.
 */
export function accountBlockList(account: string, consoleLine: (kind: 'info' | 'error', text: string) => void) {
  let blocked = new Set<string>();
  /** 'known': read from the server (by this session or an earlier one); 'unsupported': the server said it does not block. */
  let state: 'unknown' | 'known' | 'unsupported' = 'unknown';
  /** JIDs whose change this device asked for: the server's push of it is not news. */
  const asked = new Set<string>();

  const isBlocked = (from: string): boolean => bareJid(from) !== account && isBlockedJid(blocked, from);
  const apply = (change: BlockChange): string[] => {
    if (change.kind === 'unblock-all') {
      const was = [...blocked];
      blocked = new Set();
      return was;
    }
    const changed = change.jids.filter((jid) => blocked.has(jid) !== (change.kind === 'block'));
    for (const jid of changed) {
      // Pushes add up: the list stays as bounded as one read of it.
      if (change.kind === 'block' && blocked.size < MAX_BLOCKED) blocked.add(jid);
      else if (change.kind === 'unblock') blocked.delete(jid);
    }
    return changed;
  };

  return {
    isBlocked,
    /**
     * Drops a message (live, carbon or archived) whose sender is blocked; the account's own never
     * are. An error is let through: it is about a message natter sent (the server's refusal to
     * deliver to a blocked JID says so, XEP-0191 §3.3 <blocked xmlns="urn:xmpp:blocking:errors"/>),
     * and it shows only on that message, so the person learns it was not delivered.
     */
    inboundStep: ((message) => (message.stanza.attrs.type !== 'error' && isBlocked(String(message.stanza.attrs.from ?? '')) ? undefined : message)) as InboundStep,
    /** The JIDs on the list, sorted; `known` false until a session has read it. */
    list: (): { jids: string[]; known: boolean; supported: boolean } => ({ jids: [...blocked].sort(), known: state === 'known', supported: state !== 'unsupported' }),
    /**
     * XEP-0191 §3.2: reads the list on a fresh session (which also asks the server for its
     * pushes). Never rejects: a failure is said in the console and the last list read stays.
     */
    async load(feature: BlockingFeature): Promise<void> {
      try {
        const { jids, skipped } = await feature.fetch();
        blocked = new Set(jids);
        state = 'known';
        if (skipped > 0) consoleLine('error', `ignored ${skipped} entr${skipped === 1 ? 'y' : 'ies'} of the block list that are not JIDs`);
      } catch (error) {
        // The session ended before the answer: the next one reads the list again; nothing to say.
        if (error instanceof IqAbortedError) return;
        const condition = (error as { condition?: unknown }).condition;
        if (typeof condition === 'string' && UNSUPPORTED.has(condition)) {
          // Said once, not at every login of the same server.
          if (state !== 'unsupported') consoleLine('info', 'this server does not support blocking (XEP-0191): /block is not available');
          state = 'unsupported';
        } else {
          consoleLine('error', `could not read the block list (${sanitizeLine(error instanceof Error ? error.message : String(error))}); natter keeps filtering with the last one it read`);
        }
      }
    },
    /** A push from the server: applied, and said in the console unless this device asked for it. */
    pushed(change: BlockChange): void {
      const changed = apply(change).filter((jid) => !asked.has(jid));
      if (change.kind === 'unblock-all' && changed.length > 0) consoleLine('info', `everyone was unblocked on another of your devices (${changed.length})`);
      else if (changed.length > 0) consoleLine('info', `${changed.join(', ')} ${changed.length === 1 ? 'was' : 'were'} ${change.kind === 'block' ? 'blocked' : 'unblocked'} on another of your devices`);
    },
    /**
     * Sends a change and applies it once the server has; returns the JIDs it changes and those
     * that were so already, as the list stood when it was sent (the server's push of it may be
     * read before the answer, and then tells nothing new).
     */
    async change(feature: BlockingFeature, change: BlockChange, options: { spam?: boolean } = {}): Promise<{ changed: string[]; already: string[] }> {
      const jids = change.kind === 'unblock-all' ? [...blocked].sort() : change.jids;
      const already = change.kind === 'unblock-all' ? [] : jids.filter((jid) => blocked.has(jid) === (change.kind === 'block'));
      for (const jid of jids) asked.add(jid);
      try {
        if (change.kind === 'block') await feature.block(change.jids, options);
        else await feature.unblock(change.kind === 'unblock' ? change.jids : 'all');
        apply(change);
      } finally {
        for (const jid of jids) asked.delete(jid);
      }
      return { changed: jids.filter((jid) => !already.includes(jid)), already };
    },
  };
}

export type AccountBlockList = ReturnType<typeof accountBlockList>;

/** What an account runtime offers of blocking: its block list, and the current session's requests. */
export interface AccountBlocking {
  /** The account's block list (XEP-0191), as last read from its server. */
  readonly blocks: AccountBlockList;
  /** Blocking requests on the current session; throws when offline. */
  blocking(): BlockingFeature;
}

/** An account's blocking, over whichever session is current (`current` gives its feature when online). */
export function accountBlocking(account: string, consoleLine: (kind: 'info' | 'error', text: string) => void, current: () => BlockingFeature | undefined): AccountBlocking {
  return {
    blocks: accountBlockList(account, consoleLine),
    blocking() {
      const feature = current();
      if (!feature) throw new Error(`${account} is offline; the block list can be changed once it is connected (/connect ${account})`);
      return feature;
    },
  };
}
