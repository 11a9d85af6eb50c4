import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, expect, inject, it } from 'vitest';
import { oneRunLogin } from '../support/one-run-login.js';
import { registerAccount, uniqueLocal } from '../support/prosody.js';
import { spawnNatter, tempDirs, type PtySession } from '../support/pty.js';
import { waitUntil } from '../support/run.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { connectPeer } from '../support/xmpp-peer.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** Kills (3 in `npm test`; NATTER_FAULT_KILLS=10 for the full size, `npm run stress:faults`). */
const KILLS = Number(process.env.NATTER_FAULT_KILLS ?? 3);
const FLOOD = 200; // bob's messages per round
const QUEUED = 3; // natter's messages waiting in the outbox at each kill

function readDb(file: string) {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return {
      integrity: (db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check,
      incoming: (db.prepare("SELECT body FROM messages WHERE direction = 'in' ORDER BY id").all() as { body: string }[]).map((r) => r.body),
      outgoing: db.prepare("SELECT body, delivery FROM messages WHERE direction = 'out' ORDER BY id").all() as { body: string; delivery: string }[],
    };
  } finally {
    db.close();
  }
}

it(`SIGKILL during a flood, ${KILLS} times: the history opens cleanly, what was on screen is stored, the outbox survives and is sent`, async () => {
  const [a, b] = await Promise.all([registerAccount(info, uniqueLocal('kill-a')), registerAccount(info, uniqueLocal('kill-b'))]);
  const bob = await connectPeer(info, b);
  cleanup.push(() => bob.stop());
  const proxy = await startTcpProxy({ host: info.host, port: info.c2sPort });
  cleanup.push(() => proxy.stop());
  const login = oneRunLogin(info, a);
  cleanup.push(login.remove);
  const dirs = tempDirs();
  cleanup.push(() => dirs.remove());
  const dbFile = join(dirs.data, 'natter', 'history.sqlite');
  const queued = (round: number) => Array.from({ length: QUEUED }, (_, j) => `queued-${round}-${j}`);

  const start = async (): Promise<PtySession> => {
    const natter = spawnNatter({ args: login.argsFor(proxy.port), env: dirs.env, cols: 120, rows: 40 });
    cleanup.push(() => natter.dispose());
    await natter.waitForText(`${a.jid}: online`);
    natter.type(`/msg ${b.jid}\r`);
    await natter.waitForText(`2:${b.jid}`);
    return natter;
  };
  /** bob has them, and natter has the server's acknowledgement (else the next start sends them again, rightly). */
  const sentOnce = async (bodies: string[]): Promise<void> => {
    for (const body of bodies) await bob.waitForMessage((m) => m.body === body, 15_000);
    const acked = () => readDb(dbFile).outgoing.filter((m) => bodies.includes(m.body) && m.delivery !== 'pending').length;
    await waitUntil(() => acked() === bodies.length, 15_000, () => `${acked()} of ${bodies.length} acknowledged`);
  };
  let checkedOnScreen = 0;
  for (let round = 0; round < KILLS; round++) {
    const natter = await start();
    // What the last natter had queued is sent by this one, once each.
    if (round > 0) await sentOnce(queued(round - 1));

    proxy.hold('up'); // natter's messages stay in its outbox, unacknowledged
    for (const body of queued(round)) natter.type(`${body}\r`);
    await natter.waitForText(`… me: ${queued(round).at(-1)}`);
    const flood = bob.sendBatch(a.jid, Array.from({ length: FLOOD }, (_, i) => `flood-${round}-${i}`));
    let shown: string[] = [];
    await waitUntil(async () => {
      shown = (await natter.screenText()).match(new RegExp(`flood-${round}-\\d+`, 'g')) ?? [];
      return shown.some((body) => Number(body.split('-')[2]) >= FLOOD / 4);
    }, 20_000, () => `flood ${round} not on screen`);
    natter.kill('SIGKILL'); // mid-flood: no exit handler runs
    await natter.waitForExit();
    await flood;
    proxy.cut();
    proxy.release();

    const db = readDb(dbFile);
    expect(db.integrity).toBe('ok');
    // Written before shown: every line the screen drew is in the database.
    expect(shown.filter((body) => !db.incoming.includes(body))).toEqual([]);
    checkedOnScreen += shown.length;
    // The outbox is intact: this round's messages wait, pending.
    expect(db.outgoing.filter((m) => m.body.startsWith(`queued-${round}-`))).toEqual(queued(round).map((body) => ({ body, delivery: 'pending' })));
  }

  const last = await start();
  await sentOnce(queued(KILLS - 1));
  // Nothing lost: what the killed ones did not store comes back from the server archive.
  const allFlood = Array.from({ length: KILLS * FLOOD }, (_, n) => `flood-${Math.floor(n / FLOOD)}-${n % FLOOD}`);
  await waitUntil(() => new Set(readDb(dbFile).incoming).size >= allFlood.length, 30_000, () => `stored ${new Set(readDb(dbFile).incoming).size} of ${allFlood.length}`);
  last.type('/quit\r');
  expect(await last.waitForExit()).toEqual({ exitCode: 0 });

  const db = readDb(dbFile);
  expect(db.integrity).toBe('ok');
  expect([...db.incoming].sort()).toEqual([...allFlood].sort()); // none twice
  const sentBodies = Array.from({ length: KILLS }, (_, round) => queued(round)).flat();
  expect(db.outgoing.filter((m) => m.delivery === 'pending')).toEqual([]);
  expect(bob.received.map((m) => m.body).filter((body) => body.startsWith('queued-')).sort()).toEqual(sentBodies.sort());
  console.log(`sigkill-flood: ${KILLS} kills, ${KILLS * FLOOD} flood messages, ${checkedOnScreen} checked on screen at the kill, ${sentBodies.length} queued messages sent once each`);
}, 60_000 + KILLS * 20_000);
