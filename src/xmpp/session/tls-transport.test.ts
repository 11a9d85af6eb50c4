import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { VerifyingSocket } from './tls-transport.js';
import { attachSocket } from './xmppjs-internals.js';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('VerifyingSocket', () => {
  it('reads nothing and emits no connect before the peer is verified', async () => {
    const socket = new VerifyingSocket({ domain: 'localhost' });
    const raw = Object.assign(new PassThrough(), { setNoDelay: () => undefined });
    attachSocket(socket, raw);
    const seen: string[] = [];
    socket.on('data', (data: Buffer) => seen.push(data.toString()));
    socket.on('connect', () => seen.push('connect'));
    raw.write('<stream:features/>');
    socket.emit('connect');
    for (let i = 0; i < 3; i++) await turn();
    expect(seen).toEqual([]);
    expect(socket.secure).toBe(false);
  });

  it('a verified peer that speaks before the stream is opened is cut with an error', async () => {
    const socket = new VerifyingSocket({ domain: 'localhost' });
    const raw = Object.assign(new PassThrough(), { setNoDelay: () => undefined });
    attachSocket(socket, raw);
    socket.verified = true;
    const errors: Error[] = [];
    socket.on('error', (error: Error) => errors.push(error));
    raw.write('<stream:features/>');
    await turn();
    expect(errors.map((e) => e.name)).toEqual(['EarlyDataError']);
    expect(raw.destroyed).toBe(true);
  });

  it('hands on one chunk per turn of the event loop, and loses none', async () => {
    const { raw, chunks } = attached();
    raw.write('<message>1</message>');
    raw.write('<message>2</message>');
    raw.write('<message>3</message>');
    await new Promise((resolve) => process.nextTick(resolve));
    expect(chunks).toEqual(['<message>1</message>']);
    await turn();
    expect(chunks).toEqual(['<message>1</message>', '<message>2</message>']);
    await turn();
    await turn();
    expect(chunks).toEqual(['<message>1</message>', '<message>2</message>', '<message>3</message>']);
  });

  it('hands a large read on in slices, one per turn, cut between characters', async () => {
    const { raw, chunks } = attached();
    const text = `<message><body>${'日本語 '.repeat(1500)}</body></message>`; // 15 KB
    raw.write(Buffer.from(text, 'utf8'));
    await new Promise((resolve) => process.nextTick(resolve));
    expect(chunks).toHaveLength(1);
    for (let turns = 0; turns < 10 && chunks.join('') !== text; turns++) await turn();
    expect(chunks.join('')).toBe(text);
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...chunks.map((c) => Buffer.byteLength(c)))).toBeLessThanOrEqual(4096);
    expect(chunks.join('')).not.toContain('\ufffd');
  });

  it('holds a character cut between two reads until its last byte comes', async () => {
    const { raw, chunks } = attached();
    const bytes = Buffer.from('<body>😀</body>', 'utf8');
    raw.write(bytes.subarray(0, 8)); // '<body>' and half the emoji
    for (let i = 0; i < 3; i++) await turn();
    expect(chunks.join('')).toBe('<body>');
    raw.write(bytes.subarray(8));
    for (let i = 0; i < 3; i++) await turn();
    expect(chunks.join('')).toBe('<body>😀</body>');
  });
});

/** A socket past its TLS handshake: verified (as its check would have found) and connected. */
function attached() {
  const socket = new VerifyingSocket({ domain: 'localhost' });
  const raw = Object.assign(new PassThrough(), { setNoDelay: () => undefined });
  attachSocket(socket, raw);
  socket.verified = true;
  socket.emit('connect');
  const chunks: string[] = [];
  socket.on('data', (data: Buffer) => chunks.push(data.toString()));
  return { socket, raw, chunks };
}
