import { sanitizeLine } from './sanitize.js';

/** The connection state machine of one account, as the status line shows it. */
export type ConnectionState =
  | { kind: 'offline' }
  | { kind: 'connecting' }
  | { kind: 'securing' }
  | { kind: 'authenticating' }
  | { kind: 'online'; resumed: boolean }
  | { kind: 'reconnecting'; attempt: number; retryAt: number }
  | { kind: 'failed'; reason: string };

export function describeConnectionState(state: ConnectionState, now = Date.now()): string {
  switch (state.kind) {
    case 'reconnecting': {
      const seconds = Math.max(0, Math.ceil((state.retryAt - now) / 1000));
      return `reconnecting (attempt ${state.attempt}, next in ${seconds}s)`;
    }
    case 'failed':
      // The reason can quote the server (a certificate's names, an error's text).
      return `failed: ${sanitizeLine(state.reason)}`;
    case 'online':
      return state.resumed ? 'online (resumed)' : 'online';
    default:
      return state.kind;
  }
}
