import { EventEmitter } from 'node:events';
import type { Element } from '@xmpp/xml';
import { advertisedFeatures } from '../features/disco/advertised.js';
import { inboundRouter, type InboundRouter } from './inbound-router.js';

/**
 * For unit tests of the features, at their port: the real inbound router over a fake stream.
 * `receive` delivers a stanza as the server would; `sent` records what the feature sent; a
 * forged carbon or archive result lands in `rejected`; what the features advertised is in `caps()`.
 */
export function fakeSession(ownJid: string) {
  const source = new EventEmitter();
  const sent: Element[] = [];
  const rejected: string[] = [];
  const router: InboundRouter = inboundRouter(
    { on: (event, listener) => source.on(event, listener), off: (event, listener) => source.off(event, listener) },
    ownJid,
    (reason) => rejected.push(reason),
  );
  const features = advertisedFeatures();
  return {
    onMessage: router.onMessage,
    onPresence: router.onPresence,
    onArchive: router.onArchive,
    use: router.use,
    advertise: features.advertise,
    caps: features.caps,
    send: async (element: Element): Promise<void> => void sent.push(element),
    receive: (stanza: Element): void => void source.emit('stanza', stanza),
    sent,
    rejected,
  };
}
