import xml, { type Element } from '@xmpp/xml';
import { NS_DISCO_INFO } from '../disco/entity.js';
import { isTrustedRosterPush } from '../roster/parse.js';
import { buildBlock, buildBlocklistQuery, buildUnblock, buildUnblockAll, NS_BLOCKING, NS_REPORTING } from './build.js';
import { parseBlocklist, parseBlockPush, type BlockChange } from './parse.js';

/** The IQ plumbing blocking needs (xmpp.js iqCaller/iqCallee satisfy it). */
export interface BlockingPort {
  iqCaller: {
    get(element: Element, to?: string, timeout?: number): Promise<Element | undefined>;
    set(element: Element, to?: string, timeout?: number): Promise<Element | undefined>;
  };
  iqCallee: { set(ns: string, name: string, handler: (ctx: { stanza: Element }) => unknown): unknown };
}

/** How long natter waits for the server to answer a blocking request before saying so. */
export const BLOCKING_TIMEOUT_MS = 10_000;

/**
 * XEP-0191 on one session: asks for the block list, blocks and unblocks, and reads the server's
 * pushes. §3.3 and §3.4: the server pushes each change to every connected resource of the account
 * that has asked for the block list (Prosody's mod_blocklist too), so a change made on another
 * device shows here; asking for the list is what subscribes this session. A push is
 * believed only from the account itself, as a roster push is (RFC 6121 §2.1.6); anyone else's
 * gets service-unavailable and goes to `onRejectedPush`.
 */
export function blockingFeature(port: BlockingPort, ownJid: () => string, handlers: { onPush(change: BlockChange): void; onRejectedPush?(from: string): void }) {
  const push = ({ stanza }: { stanza: Element }): unknown => {
    const from = typeof stanza.attrs.from === 'string' ? stanza.attrs.from : undefined;
    if (!isTrustedRosterPush(from, ownJid())) {
      handlers.onRejectedPush?.(from ?? '');
      return undefined;
    }
    const change = parseBlockPush(stanza.getChild('block', NS_BLOCKING) ?? stanza.getChild('unblock', NS_BLOCKING));
    if (change) handlers.onPush(change);
    return true;
  };
  port.iqCallee.set(NS_BLOCKING, 'block', push);
  port.iqCallee.set(NS_BLOCKING, 'unblock', push);

  return {
    /** XEP-0191 §3.2: the JIDs on the list, and how many items could not be read. */
    async fetch(): Promise<{ jids: string[]; skipped: number }> {
      const parsed = parseBlocklist(await port.iqCaller.get(buildBlocklistQuery(), undefined, BLOCKING_TIMEOUT_MS));
      if (!parsed.ok) throw new Error(`the server answered with a block list natter can not read (${parsed.reason})`);
      return { jids: parsed.jids, skipped: parsed.skipped };
    },
    /** XEP-0191 §3.3 (with a XEP-0377 spam report when `spam`); resolves when the server has blocked them. */
    async block(jids: readonly string[], options: { spam?: boolean } = {}): Promise<void> {
      await port.iqCaller.set(buildBlock(jids, options), undefined, BLOCKING_TIMEOUT_MS);
    },
    /**
     * XEP-0377 "Discovering Support": whether the account's server (`domain`) takes spam reports
     * with the blocking command; a server that does not answer disco#info does not.
     */
    async takesReports(domain: string): Promise<boolean> {
      const info = await port.iqCaller.get(xml('query', { xmlns: NS_DISCO_INFO }), domain, BLOCKING_TIMEOUT_MS).catch(() => undefined);
      return info?.getChildren('feature').some((feature) => feature.attrs.var === NS_REPORTING) === true;
    },
    /** XEP-0191 §3.4; or §3.5, every JID, when `jids` is 'all'. */
    async unblock(jids: readonly string[] | 'all'): Promise<void> {
      await port.iqCaller.set(jids === 'all' ? buildUnblockAll() : buildUnblock(jids), undefined, BLOCKING_TIMEOUT_MS);
    },
  };
}

export type BlockingFeature = ReturnType<typeof blockingFeature>;
