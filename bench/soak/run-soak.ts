import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProsody } from '../../test/support/prosody.js';
import { natter } from '../clients.js';
import { startInTerminal, type ClientProcess } from '../terminal.js';
import { countDelivered, type Delivered } from './history-count.js';
import { sampleProcess, type Sample } from './sampler.js';
import { prepareWorld, type SoakSize, type SoakWorld } from './setup.js';
import type { Counts } from './soak-report.js';
import { driveTraffic, type TrafficCounts } from './traffic.js';

export interface SoakOptions extends SoakSize {
  minutes: number;
  /** Messages a second, 1:1 and room traffic alternating. */
  rate: number;
  /** Seconds of each comparison window: the first is the warm-up, the second is compared with the last. */
  windowS: number;
  log(line: string): void;
}

export interface SoakRun {
  durationS: number;
  samples: Sample[];
  /** [seconds since the traffic started, distinct soak messages in natter's history]. */
  received: Array<[number, number]>;
  traffic: TrafficCounts;
  delivered: Delivered;
  counts: { start?: Counts; warm?: Counts; end?: Counts };
  /** What the screen showed when natter ended early, if it did. */
  exited?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** natter's debug counts (NATTER_DEBUG_COUNTS): SIGUSR2, then its file, within 5 s. */
async function readCounts(pid: number, file: string): Promise<Counts | undefined> {
  rmSync(file, { force: true });
  try {
    process.kill(pid, 'SIGUSR2');
  } catch {
    return undefined;
  }
  for (const deadline = Date.now() + 5000; Date.now() < deadline; await sleep(50)) {
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Counts;
  }
  return undefined;
}

/** natter logged in as the soak's account in a 200×50 pseudo-terminal, joining every room from a --script. */
async function launchNatter(info: Awaited<ReturnType<typeof startProsody>>, world: SoakWorld, home: string): Promise<{ client: ClientProcess; countsFile: string; dataDir: string }> {
  const script = join(home, 'rooms.txt');
  writeFileSync(script, world.rooms.map((room) => `/join ${room}\n`).join(''));
  const setup = natter.prepare(home, world.account, info);
  const countsFile = join(home, 'counts.json');
  const client = startInTerminal(setup.command, [...setup.args, '--script', script], {
    env: { ...setup.env, NATTER_DEBUG_COUNTS: countsFile }, cwd: setup.cwd, cols: 200, rows: 50,
  });
  await client.waitFor(`${world.account.jid}: online`, 60_000);
  // Each room's owner sees natter's occupant presence (XEP-0045 §7.2.3) once it is in.
  await Promise.all(world.rooms.map((room, r) => world.peers[r % world.peers.length]?.waitForPresence((p) => p.attrs.from === `${room}/${world.account.local}`, 120_000)));
  return { client, countsFile, dataDir: setup.env.XDG_DATA_HOME ?? join(home, 'data') };
}

/**
 * The soak: a private Prosody, natter with `contacts` contacts in `rooms` rooms, `rate`
 * messages a second from `peers` contacts and the rooms for `minutes`, natter's RSS and CPU
 * sampled every second, its listener and timer counts read before, after the warm-up and at
 * the end, and every message looked up in its history.
 */
export async function runSoak(o: SoakOptions): Promise<SoakRun> {
  const info = await startProsody({ archiveItemLimit: 10_000_000 });
  const home = mkdtempSync(join(tmpdir(), 'natter-soak-'));
  let world: SoakWorld | undefined;
  let client: ClientProcess | undefined;
  try {
    o.log(`soak: ${o.peers} peers, ${o.contacts} contacts, ${o.rooms} rooms ...`);
    world = await prepareWorld(info, o, String(process.pid));
    o.log('soak: natter logs in and joins the rooms ...');
    const launched = await launchNatter(info, world, home);
    client = launched.client;
    const pid = client.pid;
    const run: SoakRun = { durationS: o.minutes * 60, samples: [], received: [], traffic: { chat: 0, room: 0, failed: 0 }, delivered: { distinct: 0, duplicates: 0 }, counts: {} };
    await sleep(3000); // the joins' traffic (occupant lists, room subjects) settles
    run.counts.start = await readCounts(pid, launched.countsFile);
    o.log(`soak: ${o.rate} messages/s for ${o.minutes} min ...`);
    let sent = 0;
    const sampler = sampleProcess(pid, () => sent);
    run.samples = sampler.samples;
    const started = Date.now();
    const countReceived = (): number => {
      const { distinct } = countDelivered(launched.dataDir);
      run.received.push([(Date.now() - started) / 1000, distinct]);
      return distinct;
    };
    const poll = setInterval(countReceived, 5000);
    const warmTimer = setTimeout(() => void readCounts(pid, launched.countsFile).then((c) => (run.counts.warm = c)), o.windowS * 1000);
    run.traffic = await driveTraffic(world, o.rate, run.durationS * 1000, (c) => {
      sent = c.chat + c.room;
      if (c.chat + c.room > 0 && (Date.now() - started) % 60_000 < 1000) o.log(`soak:   ${Math.round((Date.now() - started) / 1000)} s, ${sent} sent, ${run.received.at(-1)?.[1] ?? 0} received, RSS ${sampler.samples.at(-1)?.rssMiB.toFixed(1)} MiB`);
    });
    sent = run.traffic.chat + run.traffic.room;
    sampler.stop();
    clearInterval(poll);
    clearTimeout(warmTimer);
    // Drained: every message in the history, or a minute without one more arriving.
    for (let last = -1, since = Date.now(); countReceived() < sent && Date.now() - since < 60_000; await sleep(1000)) {
      const now = run.received.at(-1)?.[1] ?? 0;
      if (now !== last) [last, since] = [now, Date.now()];
    }
    await sleep(5000); // timers a message started (chat states, frames) run out
    run.counts.end = await readCounts(pid, launched.countsFile);
    run.delivered = countDelivered(launched.dataDir);
    if (run.counts.end === undefined) run.exited = await client.screen();
    return run;
  } finally {
    await client?.kill();
    // The server first: a peer stopped while the server still sends to it (room messages)
    // made xmpp.js 0.14 read into its detached parser and throw from a socket event.
    await info.stop();
    await world?.stop();
    rmSync(home, { recursive: true, force: true });
  }
}
