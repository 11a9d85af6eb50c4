import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { messagesFeature } from './feature.js';

const el = (text: string) => parse(text) as unknown as Element;

describe('messagesFeature', () => {
  it('leaves archive results to the MAM catch-up and reports a malformed live message', () => {
    let listener: ((s: Element) => void) | undefined;
    const port = { on: (_e: 'stanza', l: (s: Element) => void) => (listener = l), off: () => undefined, send: async () => undefined };
    const got: string[] = [];
    const dropped: string[] = [];
    messagesFeature(port, { onMessage: (m) => got.push(m.body), onDropped: (r) => dropped.push(r) }, { ownJid: () => 'me@x' });
    listener?.(el('<message to="me@x/r"><result xmlns="urn:xmpp:mam:2" queryid="q" id="1"><forwarded xmlns="urn:xmpp:forward:0"><message from="b@x" to="me@x"><body>old</body></message></forwarded></result></message>'));
    listener?.(el('<message type="chat"><body>no sender</body></message>'));
    listener?.(el('<message type="chat" from="b@x/p"><body>live</body></message>'));
    expect(got).toEqual(['live']);
    expect(dropped).toEqual(['no valid from']);
  });
});
