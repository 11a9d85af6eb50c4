import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { VerifyingSocket } from './tls-transport.js';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('VerifyingSocket', () => {
  it('hands on one chunk per turn of the event loop, and loses none', async () => {
    const socket = new VerifyingSocket({ domain: 'localhost' });
    const raw = new PassThrough();
    (socket as unknown as { _attachSocket(s: unknown): void })._attachSocket(raw);
    const chunks: string[] = [];
    socket.on('data', (data: Buffer) => chunks.push(data.toString()));
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
});
