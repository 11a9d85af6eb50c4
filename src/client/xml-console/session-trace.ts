import { traceXml, type TracePort, type XmlTraceEntry } from '../../xmpp/features/xml-console/trace.js';

/** The XML console of an account: it follows the account from session to session while a sink is set. */
export function sessionTrace() {
  let sink: ((entry: XmlTraceEntry) => void) | undefined;
  let client: TracePort | undefined;
  let stop: (() => void) | undefined;
  const retrace = (): void => {
    stop?.();
    stop = client && sink ? traceXml(client, sink) : undefined;
  };
  return {
    /** The account's current session (undefined between sessions). */
    follow(next: TracePort | undefined): void {
      client = next;
      retrace();
    },
    /** Every element in and out (secrets hidden) to `next`, until undefined. */
    to(next: ((entry: XmlTraceEntry) => void) | undefined): void {
      sink = next;
      retrace();
    },
  };
}
