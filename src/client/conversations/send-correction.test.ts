import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { afterEach, describe, expect, it } from 'vitest';
import { messagesFeature } from '../../xmpp/features/messages/feature.js';
import { fixtureReceiver } from '../testing/fixture-receiver.js';
import { clientFixture, disposeClientFixtures } from '../testing/client-fixture.js';
import { sendCorrection } from './send-correction.js';

const el = (text: string) => parse(text) as unknown as Element;
afterEach(disposeClientFixtures);

/** alice@x with the real receiver: what her other device sent reaches her as a sent carbon. */
function correcting() {
  const fx = clientFixture();
  const receive = fixtureReceiver(fx);
  messagesFeature(fx.session, { onMessage: (m) => receive(m) }, { ownJid: () => fx.account });
  const sent: Element[] = [];
  const deps = { account: fx.account, history: fx.history, store: fx.store, send: async (s: Element) => void sent.push(s), target: (peer: string) => peer };
  const sentFromPhone = (inner: string) =>
    fx.session.receive(el(`<message from="alice@x" to="alice@x/natter"><sent xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">${inner}</forwarded></sent></message>`));
  return { fx, deps, sent, sentFromPhone };
}

describe('/correct', () => {
  it("corrects the last message sent from one's other device by its stanza id (XEP-0308 §1: the id of the message corrected)", async () => {
    const { fx, deps, sent, sentFromPhone } = correcting();
    sentFromPhone('<message type="chat" from="alice@x/phone" to="bob@x" id="phone-1"><body>helo</body></message>');
    await sendCorrection(deps, 'bob@x', 'hello');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.getChild('replace', 'urn:xmpp:message-correct:0')?.attrs.id).toBe('phone-1');
    expect(fx.lines('chat:bob@x').map((l) => l.text)).toEqual(['hello']);
  });

  it('says plainly when the last message carries no id to refer to, and sends nothing', async () => {
    const { deps, sent, sentFromPhone } = correcting();
    sentFromPhone('<message type="chat" from="alice@x/phone" to="bob@x"><body>no id</body></message>');
    await expect(sendCorrection(deps, 'bob@x', 'x')).rejects.toThrow(/your last message to bob@x .*carries no id/);
    expect(sent).toEqual([]);
  });

  it('says there is nothing to correct when nothing was sent', async () => {
    const { deps } = correcting();
    await expect(sendCorrection(deps, 'bob@x', 'x')).rejects.toThrow('there is no message of yours to bob@x to correct');
  });
});
