import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { fakeSession } from '../../session/fake-session.js';
import { messagesFeature } from './feature.js';

const el = (text: string) => parse(text) as unknown as Element;

describe('messagesFeature', () => {
  it('leaves archive results to the MAM catch-up and reports a malformed live message', () => {
    const session = fakeSession('me@x');
    const listener = (stanza: Element): void => session.receive(stanza);
    const got: string[] = [];
    const dropped: string[] = [];
    messagesFeature(session, { onMessage: (m) => got.push(m.body), onDropped: (r) => dropped.push(r) }, { ownJid: () => 'me@x' });
    listener(el('<message to="me@x/r"><result xmlns="urn:xmpp:mam:2" queryid="q" id="1"><forwarded xmlns="urn:xmpp:forward:0"><message from="b@x" to="me@x"><body>old</body></message></forwarded></result></message>'));
    listener(el('<message type="chat"><body>no sender</body></message>'));
    listener(el('<message type="chat" from="b@x/p"><body>live</body></message>'));
    expect(got).toEqual(['live']);
    expect(dropped).toEqual(['no valid from']);
  });

  it('reads carbons once the router took them off: a received one from the peer, a sent one to the peer', () => {
    const session = fakeSession('me@x');
    const got: string[] = [];
    messagesFeature(session, { onMessage: (m) => got.push(`${m.direction} ${m.peer} ${m.body}`) }, { ownJid: () => 'me@x' });
    const carbon = (kind: string, inner: string) =>
      el(`<message from="me@x" to="me@x/term"><${kind} xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">${inner}</forwarded></${kind}></message>`);
    session.receive(carbon('received', '<message from="bob@x/phone" to="me@x/phone" type="chat"><body>hi</body></message>'));
    session.receive(carbon('sent', '<message from="me@x/phone" to="bob@x" type="chat"><body>yo</body></message>'));
    expect(got).toEqual(['in bob@x hi', 'out bob@x yo']);
  });
});
