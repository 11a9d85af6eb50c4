import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startEjabberd, type EjabberdServer } from '../support/ejabberd.js';
import { aliceAndBobOn, storedBodies, STRICT_ACK_QUEUE } from '../support/ejabberd-natter.js';
import type { PtySession } from '../support/pty.js';
import { waitUntil } from '../support/run.js';
import { startTcpProxy } from '../support/tcp-proxy.js';

// natter against Debian's ejabberd 23.01 with a strict XEP-0198 queue (STRICT_ACK_QUEUE), one
// private node for this file: login and 1:1, and a stream resumed after a cut.
let ejabberd: EjabberdServer;
beforeAll(async () => {
  ejabberd = await startEjabberd({ maxAckQueue: STRICT_ACK_QUEUE });
}, 60_000);
afterAll(() => ejabberd?.stop());
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

it('logs in over STARTTLS with the private CA and chats with a peer both ways', async () => {
  const { a, b, bob, run } = await aliceAndBobOn(ejabberd, cleanup);
  const natter = await run();
  natter.type(`/msg ${b.jid} hello bob\r`);
  const got = await bob.waitForMessage((m) => m.body === 'hello bob');
  expect(got.from.startsWith(`${a.jid}/`)).toBe(true);
  await natter.waitForText('me: hello bob');
  await bob.send(a.jid, 'hello alice');
  await natter.waitForText(`${b.jid}: hello alice`);
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

/** `count` IQ round trips natter makes and shows (`/ping`, each answered by the server): each answer is a stanza natter must count in `h`. */
async function pings(natter: PtySession, count: number): Promise<void> {
  // Five at a time: a burst stays far below STRICT_ACK_QUEUE, so only a wrong `h` can fill the queue.
  for (let i = 0; i < count; i += 5) {
    for (let j = i; j < i + 5; j++) natter.type(`/ping ghost-${j}@localhost\r`);
    await natter.waitForText(`pong from ghost-${i + 4}@localhost`);
  }
}

it('resumes the stream after a cut (XEP-0198, strict queue): what is sent before, during and after it arrives once, none lost', async () => {
  const { a, b, bob, dirs, run } = await aliceAndBobOn(ejabberd, cleanup);
  const proxy = await startTcpProxy({ host: ejabberd.host, port: ejabberd.c2sPort });
  cleanup.push(() => proxy.stop());
  const natter = await run({ port: proxy.port });
  const status = (state: string) => `natter | ${a.jid}: ${state}`;
  // More answers than the queue holds: counted right, ejabberd drops each once acknowledged.
  await pings(natter, STRICT_ACK_QUEUE + 10);
  natter.type(`/msg ${b.jid}\r`);
  await natter.waitForText(`2:${b.jid}`);

  const sent = { natter: [] as string[], bob: [] as string[] };
  const exchange = async (phase: string): Promise<void> => {
    for (let i = 0; i < 5; i++) {
      sent.natter.push(`natter-${phase}-${i}`);
      natter.type(`natter-${phase}-${i}\r`);
      sent.bob.push(`bob-${phase}-${i}`);
      await bob.send(a.jid, `bob-${phase}-${i}`);
    }
  };
  await exchange('before');
  proxy.cut(); // with stanzas in flight both ways
  await exchange('during');
  await natter.waitForText(status('online'), 20_000);
  await exchange('after');

  const fromNatter = () => bob.received.filter((m) => m.from.startsWith(`${a.jid}/`)).map((m) => m.body);
  await waitUntil(() => fromNatter().length >= sent.natter.length, 20_000, () => `bob got ${fromNatter().length} of ${sent.natter.length}`);
  await waitUntil(() => storedBodies(dirs.data, b.jid, 'in').length >= sent.bob.length, 20_000, () => `natter stored ${storedBodies(dirs.data, b.jid, 'in').length} of ${sent.bob.length}`);
  // ejabberd kept the session for resumption and natter resumed it: no fresh login.
  natter.press('alt-1');
  await natter.waitForText(`${a.jid}: online again (stream resumed)`);
  const shown = await natter.screenText();
  expect(shown).not.toContain('Too many unacked stanzas');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });

  expect([...fromNatter()].sort()).toEqual([...sent.natter].sort());
  expect([...storedBodies(dirs.data, b.jid, 'in')].sort()).toEqual([...sent.bob].sort());
  expect(proxy.accepted()).toBeGreaterThanOrEqual(2);
}, 90_000);
