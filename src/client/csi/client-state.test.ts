import { EventEmitter } from 'node:events';
import { parse } from 'ltx';
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { fakeSession } from '../../xmpp/session/fake-session.js';
import { clientStateIndication, watchCsiOffer } from './client-state.js';

const element = (text: string) => parse(text) as unknown as Element;
const features = (inner: string) => element(`<stream:features xmlns:stream="http://etherx.jabber.org/streams">${inner}</stream:features>`);

/** A session of alice's at the port: what natter sent on it, as text. */
function session(offered = true) {
  const fake = fakeSession('alice@x/r');
  return { port: { offered: () => offered, send: fake.send }, sent: () => fake.sent.map(String) };
}

const INACTIVE = '<inactive xmlns="urn:xmpp:csi:0"/>';
const ACTIVE = '<active xmlns="urn:xmpp:csi:0"/>';

describe('client state indication (XEP-0352)', () => {
  it('tells the server inactive when focus goes and active when it comes back, each change once', () => {
    const csi = clientStateIndication();
    const s = session();
    csi.sessionStarted(s.port);
    expect(s.sent()).toEqual([]); // a stream begins active: nothing to say
    csi.set('inactive');
    csi.set('inactive');
    expect(s.sent()).toEqual([INACTIVE]);
    expect(csi.told()).toBe('inactive');
    csi.set('active');
    csi.set('active');
    expect(s.sent()).toEqual([INACTIVE, ACTIVE]);
  });

  it('sends nothing where the server does not offer CSI', () => {
    const csi = clientStateIndication();
    const s = session(false);
    csi.sessionStarted(s.port);
    csi.set('inactive');
    csi.set('active');
    expect(s.sent()).toEqual([]);
    expect(csi.told()).toBe('active');
  });

  it('tells a new or resumed session inactive again, and an active state not at all', () => {
    const csi = clientStateIndication();
    const first = session();
    csi.sessionStarted(first.port);
    csi.set('inactive');
    csi.sessionEnded();
    csi.set('active'); // focus came back while offline: nothing to send it on
    csi.set('inactive');
    expect(first.sent()).toEqual([INACTIVE]);
    const second = session();
    csi.sessionStarted(second.port);
    expect(second.sent()).toEqual([INACTIVE]);
    csi.set('active');
    const third = session();
    csi.sessionStarted(third.port);
    expect(third.sent()).toEqual([]);
    expect(second.sent()).toEqual([INACTIVE, ACTIVE]);
  });

  it('reports each change of what the server was told, and the reset when the session ends', () => {
    const told: string[] = [];
    const csi = clientStateIndication((state) => told.push(state));
    csi.set('inactive'); // offline: nothing told
    csi.sessionStarted(session().port);
    csi.set('inactive');
    csi.sessionEnded();
    csi.sessionStarted(session(false).port); // a server without CSI: never told
    expect(told).toEqual(['inactive', 'active']);
  });

  it('reads the offer from the stream features of the last login step', () => {
    const client = new EventEmitter();
    const offered = watchCsiOffer(client);
    expect(offered()).toBe(false);
    client.emit('nonza', features('<starttls xmlns="urn:ietf:params:xml:ns:xmpp-tls"/>'));
    expect(offered()).toBe(false);
    client.emit('nonza', features('<bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/><csi xmlns="urn:xmpp:csi:0"/>'));
    expect(offered()).toBe(true);
    client.emit('nonza', element('<r xmlns="urn:xmpp:sm:3"/>'));
    expect(offered()).toBe(true);
    client.emit('nonza', features('<bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/>'));
    expect(offered()).toBe(false);
  });
});
