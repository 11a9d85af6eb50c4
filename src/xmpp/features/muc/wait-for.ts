import type { Element } from '@xmpp/xml';
import type { StanzaPort } from '../messages/feature.js';

/** Sends with `start` and resolves when `match` returns a value for a stanza (or rejects when it throws). */
export function waitForStanza(port: Pick<StanzaPort, 'onMessage' | 'onPresence'>, timeoutMs: number, late: Error, match: (stanza: Element) => true | undefined, start: () => Promise<unknown>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error): void => {
      clearTimeout(timer);
      for (const stop of stops) stop();
      if (error) reject(error);
      else resolve();
    };
    const listener = (stanza: Element): void => {
      try {
        if (match(stanza)) done();
      } catch (error) {
        done(error instanceof Error ? error : new Error(String(error)));
      }
    };
    const timer = setTimeout(() => done(late), timeoutMs);
    // Live stanzas only: a room's answer never comes as a carbon.
    const stops = [port.onPresence(listener), port.onMessage((m) => (m.via === 'live' ? listener(m.stanza) : undefined))];
    start().catch((error: unknown) => done(error instanceof Error ? error : new Error(String(error))));
  });
}
