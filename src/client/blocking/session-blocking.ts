import type { Element } from '@xmpp/xml';
import { sanitizeLine } from '../../domain/sanitize.js';
import { blockingFeature, type BlockingFeature, type BlockingPort } from '../../xmpp/features/blocking/feature.js';
import type { InboundStep } from '../../xmpp/session/inbound-router.js';
import { accountBlockList, type AccountBlockList } from './block-list.js';

/**
 * Blocking on one session: the account's block list filters every inbound message first (a step
 * of the session's inbound router), and the server's pushes keep the list current.
 */
export function blockingOnSession(
  client: BlockingPort & { useInbound(step: InboundStep): void },
  account: string,
  blocks: AccountBlockList,
  consoleLine: (kind: 'info' | 'error', text: string) => void,
): BlockingFeature {
  client.useInbound(blocks.inboundStep);
  return blockingFeature(client, () => account, {
    onPush: (change) => blocks.pushed(change),
    onRejectedPush: (from) => consoleLine('error', `ignored a change of the block list from ${sanitizeLine(from) || 'an unknown sender'} (only your server may change it)`),
  });
}

/**
 * For a session without a screen (`natter listen`): the account's block list, read once (before
 * the initial presence, so what the server kept offline is filtered too) and kept by pushes,
 * filtering the session's inbound messages. A failure is told to `report` and filters nothing.
 */
export async function readBlockList(
  client: BlockingPort & { useInbound(step: InboundStep): void },
  account: string,
  report: (kind: 'info' | 'error', text: string) => void,
): Promise<AccountBlockList> {
  const blocks = accountBlockList(account, report);
  await blocks.load(blockingOnSession(client, account, blocks, report));
  return blocks;
}

/** `handle`, for stanzas whose sender is not blocked (a presence: a subscription request, say). */
export function unlessBlocked(blocks: Pick<AccountBlockList, 'isBlocked'>, handle: (stanza: Element) => void): (stanza: Element) => void {
  return (stanza) => {
    if (!blocks.isBlocked(String(stanza.attrs.from ?? ''))) handle(stanza);
  };
}
