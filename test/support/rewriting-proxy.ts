import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import tls from 'node:tls';
import type { ProsodyInfo } from './prosody.js';
import { listenLocally, pairUp } from './local-server.js';

/**
 * A hostile server for tests: a direct-TLS (XEP-0368) relay to the private Prosody that shows
 * the server's own certificate (so natter verifies it as usual) and, in what it relays to the
 * client, replaces every `marker` with `replacement`. It stands for a server (or a federated
 * peer's server) that sends what Prosody itself would refuse: JIDs and nicks with characters
 * resourceprep forbids, such as C1 controls and bidi overrides. natter connects with
 * `--direct-tls --port PORT`.
 */
export async function startRewritingProxy(info: ProsodyInfo, marker: string, replacement: string, identity?: { cert: string; key: string }) {
  const certs = dirname(info.caFile); // the server's certificate and key lie beside its CA
  const sockets = new Set<tls.TLSSocket>();
  // `identity` (PEM) replaces the server's certificate: a man in the middle's own.
  const own = identity ?? { cert: readFileSync(join(certs, 'localhost.crt'), 'utf8'), key: readFileSync(join(certs, 'localhost.key'), 'utf8') };
  const server = tls.createServer(own, (client) => {
    const upstream = tls.connect({ host: info.host, port: info.directTlsPort, servername: 'localhost', ca: info.caPem });
    sockets.add(client).add(upstream);
    client.pipe(upstream);
    const decoder = new StringDecoder('utf8');
    let held = '';
    upstream.on('data', (chunk: Buffer) => {
      const text = (held + decoder.write(chunk)).replaceAll(marker, replacement);
      // A marker cut in two by the stream waits for its other half; nothing else is held back.
      const cut = partialMarkerAtEnd(text, marker);
      held = text.slice(text.length - cut);
      client.write(text.slice(0, text.length - cut));
    });
    pairUp(client, upstream);
  });
  return listenLocally(server, sockets);
}

/** How many characters at the end of `text` are the start of `marker` (0 when none). */
function partialMarkerAtEnd(text: string, marker: string): number {
  for (let n = Math.min(marker.length - 1, text.length); n > 0; n--) if (marker.startsWith(text.slice(text.length - n))) return n;
  return 0;
}
