import { describe, expect, it } from 'vitest';
import { advertisedFeatures } from './advertised.js';
import { capsVer, verificationString } from './caps.js';

describe('XEP-0115 verification string', () => {
  // §5.2 "Simple Generation Example", in a shuffled order: the algorithm sorts.
  const identities = [{ category: 'client', type: 'pc', name: 'Exodus 0.9.1' }];
  const features = [
    'http://jabber.org/protocol/muc',
    'http://jabber.org/protocol/disco#info',
    'http://jabber.org/protocol/caps',
    'http://jabber.org/protocol/disco#items',
  ];

  it('builds the string of the §5.2 example', () => {
    expect(verificationString(identities, features)).toBe(
      'client/pc//Exodus 0.9.1<http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<',
    );
  });

  it('hashes it to the §5.2 ver', () => {
    expect(capsVer(identities, features)).toBe('QgayPKawpkPSDYmwT/WM94uAlu0=');
  });

  it('sorts identities by category, type, xml:lang, name, bytewise', () => {
    const s = verificationString(
      [
        { category: 'client', type: 'pc', lang: 'en', name: 'Psi 0.11' },
        { category: 'client', type: 'pc', lang: 'el', name: 'Ψ 0.11' },
        { category: 'client', type: 'bot', name: 'z' },
      ],
      [],
    );
    expect(s).toBe('client/bot//z<client/pc/el/Ψ 0.11<client/pc/en/Psi 0.11<');
  });

  it('hashes the §5.3 complex example, extended forms (XEP-0128) included, to its ver', () => {
    const psi = [
      { category: 'client', type: 'pc', lang: 'en', name: 'Psi 0.11' },
      { category: 'client', type: 'pc', lang: 'el', name: 'Ψ 0.11' },
    ];
    const psiFeatures = ['http://jabber.org/protocol/caps', 'http://jabber.org/protocol/disco#info', 'http://jabber.org/protocol/disco#items', 'http://jabber.org/protocol/muc'];
    const form = {
      formType: 'urn:xmpp:dataforms:softwareinfo',
      fields: [
        { name: 'software', values: ['Psi'] },
        { name: 'ip_version', values: ['ipv6', 'ipv4'] },
        { name: 'os', values: ['Mac'] },
        { name: 'os_version', values: ['10.5.1'] },
        { name: 'software_version', values: ['0.11'] },
      ],
    };
    expect(capsVer(psi, psiFeatures, [form])).toBe('q07IKJEyjvHSyhy//CH0CxmKi8w=');
  });
  it('orders by UTF-8 bytes, not UTF-16 units (i;octet)', () => {
    // UTF-16 puts U+1F600 (D83D DE00) before U+FF5E; UTF-8 puts U+FF5E (EF BD 9E) first.
    expect(verificationString([], ['\u{1F600}', '\uFF5E'])).toBe('\uFF5E<\u{1F600}<');
  });
});

describe('advertised features', () => {
  it('start with disco#info and caps, and add what features advertise, each once', () => {
    const features = advertisedFeatures();
    expect(features.caps().features).toEqual(['http://jabber.org/protocol/disco#info', 'http://jabber.org/protocol/caps']);
    features.advertise('http://jabber.org/protocol/muc', 'jabber:x:oob');
    features.advertise('http://jabber.org/protocol/muc');
    expect(features.caps().features).toEqual(['http://jabber.org/protocol/disco#info', 'http://jabber.org/protocol/caps', 'http://jabber.org/protocol/muc', 'jabber:x:oob']);
  });

  it('hash what they list, computed once per change', () => {
    const features = advertisedFeatures();
    features.advertise('urn:xmpp:receipts');
    const caps = features.caps();
    expect(features.caps()).toBe(caps);
    expect(caps.ver).toBe(capsVer(caps.identities, caps.features));
    expect(caps.identities).toEqual([{ category: 'client', type: 'console', name: 'natter' }]);
    features.advertise('urn:xmpp:receipts');
    expect(features.caps()).toBe(caps);
    features.advertise('urn:xmpp:time');
    expect(features.caps().ver).not.toBe(caps.ver);
    expect(features.caps().ver).toBe(capsVer(caps.identities, features.caps().features));
  });
});
