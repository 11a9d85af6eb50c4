import type { Element } from '@xmpp/xml';
import xml from '@xmpp/xml';
import { buildChatMessage } from '../messages/build.js';

export const NS_CORRECT = 'urn:xmpp:message-correct:0';

/** XEP-0308: the id of the message this one corrects, if it is a correction. */
export function replacedId(stanza: Element): string | undefined {
  const id = stanza.getChild('replace', NS_CORRECT)?.attrs.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * A correction of our message `originalId` (§3: always the id of the original, even for a
 * second correction), with an id of its own.
 */
export function buildCorrection(to: string, body: string, originalId: string, id?: string): Element {
  const stanza = buildChatMessage(to, body, id);
  stanza.append(xml('replace', { xmlns: NS_CORRECT, id: originalId }));
  return stanza;
}
