// A man in the middle in its own process (so its timing is its own, as a real one's is).
// Usage: hostile-tls-server.mjs CERT KEY GREETING_B64 [RELAY_HOST RELAY_PORT]
// With a relay target it first passes connections through to the real server untouched;
// the line "takeover" on stdin cuts them, and from then on it is a TLS server with CERT/KEY
// that writes GREETING the moment each handshake ends, before the client has said anything.
// Prints "port N", then "conn" per connection to the impostor and "data <base64>" per chunk received.
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { createInterface } from 'node:readline';

const [certFile, keyFile, greetingB64, relayHost, relayPort] = process.argv.slice(2);
const greeting = Buffer.from(greetingB64, 'base64');
const secure = tls.createSecureContext({ cert: readFileSync(certFile), key: readFileSync(keyFile) });
let relaying = Boolean(relayHost);
const relayed = new Set();

function impostor(raw) {
  process.stdout.write('conn\n');
  const socket = new tls.TLSSocket(raw, { isServer: true, secureContext: secure });
  socket.on('error', () => undefined);
  socket.on('secure', () => socket.write(greeting));
  socket.on('data', (data) => process.stdout.write(`data ${data.toString('base64')}\n`));
}

function relay(client) {
  const upstream = net.connect({ host: relayHost, port: Number(relayPort) });
  relayed.add(client).add(upstream);
  client.pipe(upstream);
  upstream.pipe(client);
  for (const s of [client, upstream]) {
    s.on('error', () => undefined);
    s.on('close', () => (client.destroy(), upstream.destroy()));
  }
}

const server = net.createServer((raw) => (relaying ? relay(raw) : impostor(raw)));
server.listen(0, '127.0.0.1', () => process.stdout.write(`port ${server.address().port}\n`));
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line !== 'takeover') return;
  relaying = false;
  for (const s of relayed) s.destroy();
  process.stdout.write('taken\n');
});
// Dies with whatever started it.
process.stdin.on('end', () => process.exit(0));
