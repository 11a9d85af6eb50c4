import { XMLError } from '@xmpp/xml';
import { detachParser, interceptData, streamParser } from './xmppjs-internals.js';

/**
 * What reaches xmpp.js's XML parser from the network, so that no input can crash natter or
 * be read by the wrong stream:
 * - each stream's parser is dropped when its connection ends (xmpp.js kept it, and bytes on
 *   the next connection were parsed as part of the old, authenticated stream);
 * - bytes that arrive while no stream is open (before natter opened one, after one ended)
 *   are not read (xmpp.js called write on a null parser and threw in a socket callback);
 * - anything the parser throws (ltx throws on an undefined entity such as `&x;`) is turned
 *   into the parser's own error, which xmpp.js answers by ending the stream with bad-format:
 *   that account's connection fails with a clear error, and nothing else.
 */
export function guardInput(entity: { on(event: 'disconnect', listener: () => void): unknown }): void {
  interceptData(entity, (data, read) => {
    const parser = streamParser(entity);
    if (!parser) return;
    try {
      read(data);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // Only to the stream it came from, and only if that stream is still there to end.
      if (streamParser(entity) === parser) parser.emit('error', new XMLError(`the server sent XML natter can not read (${reason.slice(0, 200)})`));
    }
  });
  entity.on('disconnect', () => detachParser(entity));
}
