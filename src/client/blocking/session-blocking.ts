import { sanitizeLine } from '../../domain/sanitize.js';
import { blockingFeature, type BlockingFeature, type BlockingPort } from '../../xmpp/features/blocking/feature.js';
import type { InboundStep } from '../../xmpp/session/inbound-router.js';
import type { AccountBlockList } from './block-list.js';

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
