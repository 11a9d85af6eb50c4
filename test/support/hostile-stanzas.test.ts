import { parse } from 'ltx';
import { expect, it } from 'vitest';
import { HOSTILE_KINDS, hostileStanzas, HUGE_BODY_BYTES } from './hostile-stanzas.js';

const targets = { alice: 'alice@localhost', aliceFull: 'alice@localhost/natter', room: 'den@conference.localhost', aliceNick: 'alice', occupantNick: 'carol', other: 'carol@localhost' };
/** XML 1.0 §2.2: Char excludes every C0 control but tab, LF and CR, and U+FFFE/U+FFFF. */
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

it('the hostile generator is deterministic from its seed, covers every kind, and writes only XML a server accepts', () => {
  const run = hostileStanzas(21, 3000, targets);
  expect(hostileStanzas(21, 3000, targets)).toEqual(run);
  expect(hostileStanzas(22, 50, targets)).not.toEqual(run.slice(0, 50));
  expect(new Set(run.map((s) => s.kind))).toEqual(new Set(HOSTILE_KINDS));
  for (const stanza of run) {
    expect(NOT_XML_CHAR.test(stanza.xml), stanza.xml.slice(0, 200)).toBe(false);
    // Under Prosody's c2s_stanza_size_limit (256 KiB): a bigger one would end the sender's stream.
    expect(Buffer.byteLength(stanza.xml)).toBeLessThan(256 * 1024);
    expect(() => parse(stanza.xml)).not.toThrow();
  }
  expect(Math.max(...run.filter((s) => s.kind === '200 KB body').map((s) => Buffer.byteLength(s.xml)))).toBeGreaterThan(HUGE_BODY_BYTES * 0.99);
  // C1 controls, bidi and zero-width characters are in there.
  expect(run.some((s) => s.xml.includes('\u009b'))).toBe(true);
  expect(run.some((s) => s.xml.includes('\u202e'))).toBe(true);
  expect(run.some((s) => s.xml.includes('\u200b'))).toBe(true);
});
