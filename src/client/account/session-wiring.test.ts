import { EventEmitter } from 'node:events';
import { expect, it } from 'vitest';
import { DeadLinkError } from '../../xmpp/session/errors.js';
import { reportFailures } from './session-wiring.js';

/** A client whose session events the test emits; its first start() never settles. */
function fakeClient() {
  const client = Object.assign(new EventEmitter(), {
    status: 'online',
    start: () => new Promise<never>(() => undefined),
    streamManagement: new EventEmitter(),
  });
  const lines: string[] = [];
  reportFailures(client as unknown as Parameters<typeof reportFailures>[0], {
    consoleLine: (_kind, text) => void lines.push(text),
    setState: () => undefined,
    certificateRefused: async () => undefined,
  });
  return { client, lines };
}

it('says the same error again when a session came back in between: a server frozen twice is said twice', () => {
  const { client, lines } = fakeClient();
  const frozen = (): DeadLinkError => new DeadLinkError('xmpp.example.org:5222', 60_000, true);
  client.emit('error', frozen());
  client.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:5222'));
  client.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:5222')); // each reconnect attempt alike: once
  client.emit('session-ready');
  client.emit('error', frozen());
  client.streamManagement.emit('resumed');
  client.emit('error', frozen());
  expect(lines).toEqual([frozen().message, 'connect ECONNREFUSED 127.0.0.1:5222', frozen().message, frozen().message]);
});

it('says a stream error as what it means, with its condition and the server\'s text', () => {
  const { client, lines } = fakeClient();
  const streamError = (condition: string, text = ''): Error => Object.assign(new Error(condition), { name: 'StreamError', condition, text });
  client.emit('error', streamError('system-shutdown'));
  client.emit('error', streamError('undefined-condition', 'bye'));
  expect(lines).toEqual([
    'the server ended the session: it is shutting down or restarting (system-shutdown)',
    'the server ended the session with a stream error (undefined-condition: bye)',
  ]);
});
