import xml, { type Element } from '@xmpp/xml';

/** The IQ plumbing a feature that answers queries needs (xmpp.js iqCallee satisfies it). */
export interface QueryAnswerPort {
  iqCallee: { get(ns: string, name: string, handler: (ctx: { stanza: Element }) => unknown): unknown };
}

const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

/**
 * Wraps an IQ get handler so it answers only whom `mayAnswer` allows (given the query's from,
 * undefined when the server sent it for the account). Any answer tells that natter is online,
 * so anyone else gets <service-unavailable/>, the same error the server sends for a resource
 * that is not there (RFC 6121 §8.5.3.1: "For an IQ stanza, the server MUST return a
 * <service-unavailable/> stanza error"), so a stranger cannot tell the two apart. XEP-0030 §8
 * asks the same of a server answering for its users: service-unavailable when "the requesting
 * entity is not authorized to receive presence from the target entity ... or is not otherwise
 * trusted".
 */
export function answerOnlyTo(mayAnswer: (from: string | undefined) => boolean) {
  // xmpp.js appends the returned element to each reply; that only sets its parent, so one
  // element serves every refusal.
  const refusal = xml('error', { type: 'cancel' }, xml('service-unavailable', { xmlns: NS_STANZAS }));
  return (handler: (stanza: Element) => unknown) => ({ stanza }: { stanza: Element }): unknown => {
    const from = stanza.attrs.from;
    return mayAnswer(typeof from === 'string' && from !== '' ? from : undefined) ? handler(stanza) : refusal;
  };
}
