import xml, { type Element } from '@xmpp/xml';

const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
/** RFC 6120 §6.4: these carry the SASL exchange (PLAIN's password, SCRAM's proof). */
const SASL_PAYLOADS = new Set(['auth', 'response', 'challenge', 'success']);
export const HIDDEN = '[hidden]';

export interface XmlTraceEntry {
  direction: 'in' | 'out';
  xml: string;
}

/** The part of a session this reads: xmpp.js emits every element received and sent. */
export interface TracePort {
  on(event: 'element' | 'send', listener: (element: Element) => void): unknown;
  off(event: 'element' | 'send', listener: (element: Element) => void): unknown;
}

/**
 * What the XML console shows of an element: its XML with every secret replaced by [hidden]:
 * SASL payloads and any <password/> (XEP-0077 registration and password change, room passwords).
 */
export function traceText(element: Element): string {
  return (hasSecret(element) ? masked(element) : element).toString();
}

function isSecret(element: Element): boolean {
  return element.name === 'password' || (SASL_PAYLOADS.has(element.name) && element.attrs.xmlns === NS_SASL);
}

function hasSecret(element: Element): boolean {
  return isSecret(element) || element.getChildElements().some(hasSecret);
}

function masked(element: Element): Element {
  if (isSecret(element)) return element.getText() === '' ? xml(element.name, element.attrs) : xml(element.name, element.attrs, HIDDEN);
  const children = element.children.map((child) => (typeof child === 'string' ? child : masked(child)));
  return xml(element.name, element.attrs, ...children);
}

/** Calls `onEntry` with each element in and out (secrets hidden) until the returned stop is called. */
export function traceXml(port: TracePort, onEntry: (entry: XmlTraceEntry) => void): () => void {
  const incoming = (element: Element): void => onEntry({ direction: 'in', xml: traceText(element) });
  const outgoing = (element: Element): void => onEntry({ direction: 'out', xml: traceText(element) });
  port.on('element', incoming);
  port.on('send', outgoing);
  return () => {
    port.off('element', incoming);
    port.off('send', outgoing);
  };
}
