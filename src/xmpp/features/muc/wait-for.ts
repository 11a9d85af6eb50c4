import type { Element } from '@xmpp/xml';
import type { RoomPort } from './join.js';

/** Sends with `start` and resolves when `match` returns a value for a stanza (or rejects when it throws). */
export function waitForStanza(port: Pick<RoomPort, 'on' | 'off'>, timeoutMs: number, late: Error, match: (stanza: Element) => true | undefined, start: () => Promise<unknown>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error): void => {
      clearTimeout(timer);
      port.off('stanza', listener);
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
    port.on('stanza', listener);
    start().catch((error: unknown) => done(error instanceof Error ? error : new Error(String(error))));
  });
}
