import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type TLSSocket } from 'node:tls';

const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';

/**
 * A hostile XMPP server over direct TLS (certificate of the private test CA, from `certDir`):
 * it offers only SCRAM-SHA-1 and answers the client-first-message with a server-first-message
 * asking for `iterations` PBKDF2 rounds (RFC 5802 §5.1 "i="). It records what the client sends
 * after that and refuses any <response/> with <failure/>, so a client that answers at all
 * fails quickly rather than hanging.
 */
export async function startFakeScramServer(certDir: string, iterations: number): Promise<{
  port: number;
  /** How many connections the client opened (a refused login must not be retried). */
  connections(): number;
  /** The client's <auth/> reached the server (the exchange got as far as the attack). */
  sawAuth(): boolean;
  /** Everything the client sent after the challenge; holds "<response" when it sent its proof. */
  afterChallenge(): string;
  stop(): Promise<void>;
}> {
  const sockets = new Set<TLSSocket>();
  let auth = false;
  let after = '';
  let challenged = false;
  let connections = 0;
  const server = createServer({ cert: readFileSync(join(certDir, 'localhost.crt')), key: readFileSync(join(certDir, 'localhost.key')) }, (socket) => {
    sockets.add(socket);
    connections++;
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    let buffer = '';
    let featuresSent = false;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      if (challenged) {
        after += chunk;
        if (after.includes('<response')) socket.write(`<failure xmlns='${NS_SASL}'><not-authorized/></failure>`);
        return;
      }
      buffer += chunk;
      if (!featuresSent && buffer.includes('<stream:stream')) {
        featuresSent = true;
        // Not at once: xmpp.js 0.14's open() listens for the server's header only after its own
        // header's write callback, so a header answered within that window leaves start()'s
        // "online" promise without a handler when the login then fails (an unhandled rejection
        // that is xmpp.js's, not natter's). Over loopback that window is hit about one run in two.
        setTimeout(() => socket.write(
          "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='fake' from='localhost' version='1.0'>" +
            `<stream:features><mechanisms xmlns='${NS_SASL}'><mechanism>SCRAM-SHA-1</mechanism></mechanisms></stream:features>`,
        ), 50);
      }
      const payload = /<auth[^>]*>([^<]*)<\/auth>/.exec(buffer)?.[1];
      if (payload === undefined) return;
      auth = true;
      challenged = true;
      const clientFirst = Buffer.from(payload, 'base64').toString('utf8');
      const cnonce = /r=([^,]*)/.exec(clientFirst)?.[1] ?? '';
      const serverFirst = `r=${cnonce}fakeserver,s=${Buffer.from('some salt').toString('base64')},i=${iterations}`;
      socket.write(`<challenge xmlns='${NS_SASL}'>${Buffer.from(serverFirst).toString('base64')}</challenge>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    connections: () => connections,
    sawAuth: () => auth,
    afterChallenge: () => after,
    stop: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
