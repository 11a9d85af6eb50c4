import type { Client } from '@xmpp/client-core';
import type { Middleware } from '@xmpp/middleware';
import type { StreamFeatures } from '@xmpp/stream-features';
import streamManagementFactory from '@xmpp/stream-management';
import type { Element } from '@xmpp/xml';

const NS_SM = 'urn:xmpp:sm:3';

/**
 * @xmpp/stream-management 0.14 is an EventEmitter; its published types omit the events. Its
 * README documents only these; its state fields are private (xmppjs-internals.ts reads them).
 */
export interface StreamManagementEvents {
  on(event: 'ack' | 'fail', listener: (stanza: Element) => void): unknown;
  on(event: 'resumed', listener: () => void): unknown;
}

/**
 * XEP-0198 stream management, and when a session is ready for stanzas.
 *
 * Made before any other middleware that can answer a stanza (the IQ caller and callee stop at
 * the answers they handle): its counter of handled stanzas sees every one. "The value of 'h'
 * ... is the number of stanzas the entity has handled" (XEP-0198 §4); made after them, the
 * answers to natter's own IQs were never counted, and the server resent them on resumption,
 * or could not resume at all once its queue was full.
 *
 * 'online' fires inside resource binding, before XEP-0198 is enabled: a stanza sent from an
 * 'online' listener can land in the SM queue before <enable/> and trip xmpp.js's "queue
 * should be empty after enable" assertion (an unhandled rejection). So natter starts its
 * session work on 'session-ready', emitted once the SM negotiation (which wraps binding) has
 * finished, or at 'online' when SM is not offered.
 */
export function streamSession(deps: { entity: Client; middleware: Middleware<Client>; streamFeatures: StreamFeatures<Client> }) {
  const { entity, streamFeatures } = deps;
  let ready = false;
  let inStreamManagement = false;
  let freshOnline = false;
  const becomeReady = (): void => {
    ready = true;
    entity.emit('session-ready');
  };
  // Registered before the SM feature's own handler, so it wraps it.
  streamFeatures.use('sm', NS_SM, async (_ctx, next) => {
    inStreamManagement = true;
    try {
      await next();
    } finally {
      inStreamManagement = false;
      if (freshOnline) {
        freshOnline = false;
        becomeReady();
      }
    }
  });
  const streamManagement = (streamManagementFactory as unknown as (deps: object) => StreamManagementEvents)({ streamFeatures, entity, middleware: deps.middleware });
  entity.on('online', () => {
    if (inStreamManagement) freshOnline = true;
    else becomeReady();
  });
  streamManagement.on('resumed', () => {
    ready = true;
  });
  entity.on('disconnect', () => {
    ready = false;
  });
  return {
    streamManagement,
    /** True between 'session-ready' (or a resumption) and the next disconnect: stanzas may flow. */
    isReady: () => ready && entity.status === 'online',
  };
}
