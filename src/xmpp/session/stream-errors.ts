/**
 * A stream error (RFC 6120 §4.9: "Stream-level errors are unrecoverable") as a sentence: xmpp.js
 * says only its condition ("system-shutdown"), which told the person nothing. The conditions a
 * client meets in use are explained; the condition itself stays in parentheses, and the server's
 * own text after it.
 */
const EXPLAINED: Record<string, string> = {
  // §4.9.3.19 "The server is being shut down and all active streams are being closed."
  'system-shutdown': 'the server ended the session: it is shutting down or restarting',
  // §4.9.3.3 "The server either (1) is closing the existing stream for this entity because a new
  // stream has been initiated that conflicts with the existing stream, or (2) is refusing a new stream"
  conflict: 'the server ended the session: another login of this account took its place (the same resource)',
  // §4.9.3.4 "One party is closing the stream because it has reason to believe that the other party has permanently lost the ability to communicate"
  'connection-timeout': 'the server ended the session: it heard nothing from natter for too long',
  // §4.9.3.17 "The server is closing the stream because it has new (typically security-critical) features to offer"
  reset: 'the server ended the session to start it again',
  // §4.9.3.14 "The entity has violated some local service policy"
  'policy-violation': 'the server ended the session for breaking its rules (for instance sending too much too fast)',
  // §4.9.3.10 "The server has experienced a misconfiguration or other internal error"
  'internal-server-error': 'the server ended the session after an error of its own',
};

export function describeStreamError(error: Error & { condition?: unknown; text?: unknown }): string {
  const condition = typeof error.condition === 'string' ? error.condition : '';
  const text = typeof error.text === 'string' && error.text !== '' ? `: ${error.text}` : '';
  return `${EXPLAINED[condition] ?? 'the server ended the session with a stream error'} (${condition}${text})`;
}
