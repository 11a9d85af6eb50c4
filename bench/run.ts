// npm run bench [-- --contacts 2000 --messages 5000 --runs 3 --clients natter,profanity,poezio]
// npm run bench -- --scaling 200/500,2000/5000,10000/50000   (the same figures at each size)
// npm run bench -- --key-interval 100   (ms between keystrokes typed during the flood; 50 by default)
// npm run bench -- --sender xmppjs      (floods sent one xmpp.js send at a time; batched by default)
// One private Prosody; each client in a real pseudo-terminal of the same size, read from the
// screen. Prints a table (median and spread per figure, natter ÷ best other) and writes
// bench/results.json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { registerAccount, startProsody, type ProsodyInfo } from '../test/support/prosody.js';
import { connectPeer } from '../test/support/xmpp-peer.js';
import { startFloodSender, type SenderKind } from './flood-sender.js';
import { natter, poezio, profanity, type ClientKind } from './clients.js';
import { historyFigures } from './history-figures.js';
import { contactName, writeRoster } from './roster-file.js';
import { formatScaling, formatTable, summarize, type Figure } from './report.js';
import { startInTerminal } from './terminal.js';

const { values } = parseArgs({
  options: {
    contacts: { type: 'string', default: '2000' },
    messages: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '3' },
    clients: { type: 'string', default: 'natter,profanity,poezio' },
    stored: { type: 'string', default: '100000' },
    cols: { type: 'string', default: '200' },
    rows: { type: 'string', default: '50' },
    timeout: { type: 'string', default: '300' },
    // A fast typist: 20 keys a second. Typing as fast as a client echoes made a client's flood
    // CPU grow with how fast it echoed (more keys, more frames), so every client gets the same keys.
    'key-interval': { type: 'string', default: '50' },
    // "200/500,2000/5000,10000/50000": the same figures at each contacts/messages size.
    scaling: { type: 'string' },
    // How floods are sent: "batched" (100 stanzas a write) or "xmppjs" (one send at a time).
    sender: { type: 'string', default: 'batched' },
  },
});
interface Size {
  contacts: number;
  messages: number;
}
const SIZES: Size[] = values.scaling
  ? values.scaling.split(',').map((pair) => {
      const [contacts, messages] = pair.split('/').map(Number);
      if (!Number.isInteger(contacts) || !Number.isInteger(messages)) throw new Error(`--scaling takes CONTACTS/MESSAGES pairs, e.g. 200/500,2000/5000; not "${pair}"`);
      return { contacts: contacts as number, messages: messages as number };
    })
  : [{ contacts: Number(values.contacts), messages: Number(values.messages) }];
const RUNS = Number(values.runs);
const SIZE = { cols: Number(values.cols), rows: Number(values.rows) };
const TIMEOUT_MS = Number(values.timeout) * 1000;
const KEY_INTERVAL_MS = Number(values['key-interval']);
const SENDER = values.sender as SenderKind;
if (SENDER !== 'batched' && SENDER !== 'xmppjs') throw new Error(`--sender takes batched or xmppjs; not "${values.sender}"`);
if (!(KEY_INTERVAL_MS >= 0)) throw new Error(`--key-interval takes milliseconds, e.g. 50; not "${values['key-interval']}"`);
const KINDS: Record<string, ClientKind> = { natter, profanity, poezio };

function available(kind: ClientKind): boolean {
  if (!kind.packageName) return true;
  if (spawnSync('sh', ['-c', `command -v ${kind.packageName}`], { stdio: 'ignore' }).status === 0) return true;
  if (process.getuid?.() === 0) {
    console.error(`bench: installing ${kind.packageName} (apt-get install -y ${kind.packageName}) ...`);
    spawnSync('apt-get', ['install', '-y', '-qq', kind.packageName], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return spawnSync('sh', ['-c', `command -v ${kind.packageName}`], { stdio: 'ignore' }).status === 0;
  }
  console.error(`bench: ${kind.name} is not installed; skipped. Install it with: sudo apt-get install -y ${kind.packageName}`);
  return false;
}

const step = (kind: ClientKind, what: string): void => void process.stderr.write(`bench:   ${kind.name}: ${what}\n`);

/** The client in a pseudo-terminal of the bench's size, with a home of its own. */
function launch(info: ProsodyInfo, kind: ClientKind, account: Awaited<ReturnType<typeof registerAccount>>) {
  const home = mkdtempSync(join(tmpdir(), `natter-bench-${kind.name}-`));
  const setup = kind.prepare(home, account, info);
  return { home, client: startInTerminal(setup.command, setup.args, { env: setup.env, cwd: setup.cwd, ...SIZE }) };
}

let serial = 0;
async function oneRun(info: ProsodyInfo, kind: ClientKind, { contacts: CONTACTS, messages: MESSAGES }: Size, echoSamples: number[]): Promise<Record<string, number>> {
  const id = `${kind.name.slice(0, 3)}${process.pid}r${++serial}`;
  // Two senders: each flood starts from the same server state (a sender's own archive grows too).
  const [account, flooder, referenceFlooder] = await Promise.all([registerAccount(info, `b${id}`), registerAccount(info, `f${id}`), registerAccount(info, `g${id}`)]);
  writeRoster(info.dir, 'localhost', account.local, CONTACTS);
  const [peer, referencePeer] = await Promise.all([startFloodSender(info, flooder, SENDER), startFloodSender(info, referenceFlooder, SENDER)]);
  const { home, client } = launch(info, kind, account);
  const figures: Record<string, number> = {};
  const floodBodies = Array.from({ length: MESSAGES }, (_, i) => `flood${i}x`);
  let reference: Awaited<ReturnType<typeof connectPeer>> | undefined;
  try {
    const frame = await client.waitFor(kind.firstFrame, 30_000);
    figures.firstFrameMs = frame - client.started;
    const roster = await client.waitFor(contactName(0), TIMEOUT_MS);
    figures.rosterDrawnMs = roster - client.started;

    // The server's own routing time: the same flood to a bare xmpp.js receiver, first.
    const referenceAccount = await registerAccount(info, `r${id}`);
    reference = await connectPeer(info, referenceAccount);
    const referenceStart = Date.now();
    const referenceDone = reference.waitForMessage((m) => m.body === `flood${MESSAGES - 1}x`, TIMEOUT_MS);
    await referencePeer.send(referenceAccount.jid, floodBodies);
    await referenceDone;
    figures.serverRoutingMs = Date.now() - referenceStart;

    step(kind, 'warm-up message');
    await peer.send(account.jid, ['warmup']);
    const shown = Date.now() + 30_000;
    for (let screen = await client.screen(); !screen.includes('warmup'); screen = await client.screen()) {
      if (Date.now() > shown) throw new Error(`${kind.name} never showed the warm-up message:\n${screen}`);
      client.write(kind.switchToChat);
      await client.waitFor('warmup', 1000).catch(() => undefined);
    }

    const last = `flood${MESSAGES - 1}x`;
    step(kind, `flood of ${MESSAGES}`);
    const cpuBefore = client.cpuSeconds();
    const floodStart = Date.now();
    const echo = measureEcho(client);
    await peer.send(account.jid, floodBodies);
    const onScreen = await client.waitFor(last, TIMEOUT_MS);
    const latencies = await echo.stop();
    figures.floodCpuS = client.cpuSeconds() - cpuBefore;
    figures.floodOnScreenMs = onScreen - floodStart;
    figures.floodVsServer = (onScreen - floodStart) / Math.max(1, figures.serverRoutingMs);
    if (latencies.length > 0) {
      figures.echoP50Ms = percentile(latencies, 0.5);
      figures.echoP99Ms = percentile(latencies, 0.99);
      echoSamples.push(...latencies);
    }
    figures.peakRssMiB = client.peakRssMiB();
    return figures;
  } finally {
    await client.kill();
    await reference?.stop();
    await Promise.all([peer.stop(), referencePeer.stop()]);
    rmSync(home, { recursive: true, force: true });
  }
}

/**
 * Each client is launched once to its first frame before its measured runs: the disk cache
 * holds its files and natter's compile cache (V8's, written by its first launch) exists, as
 * for every launch but the first after an install. Not measured.
 */
async function warmUp(info: ProsodyInfo, kind: ClientKind): Promise<void> {
  const { home, client } = launch(info, kind, await registerAccount(info, `w${kind.name.slice(0, 3)}${process.pid}r${++serial}`));
  try {
    await client.waitFor(kind.firstFrame, 30_000);
  } finally {
    await client.kill();
    rmSync(home, { recursive: true, force: true });
  }
}

/** Keystroke echo while the flood arrives: type a letter every KEY_INTERVAL_MS, time until the screen shows it. */
function measureEcho(client: ReturnType<typeof startInTerminal>) {
  const latencies: number[] = [];
  let stopped = false;
  const loop = (async () => {
    let typed = '';
    let cycle = 0;
    while (!stopped) {
      if (typed === '' || typed.length >= 20) {
        // A fresh line starting with a numbered marker, so the typed run is unique on screen.
        typed = `Z${++cycle}`;
        client.write(`\u0015${typed}`);
        await client.waitFor(typed, 2000).catch(() => undefined);
      }
      typed += 'Q';
      if ((await client.screen()).includes(typed)) {
        typed = ''; // already there (the client did not clear its line): not measurable
        continue;
      }
      const start = Date.now();
      client.write('Q');
      const seen = await client.waitFor(typed, 5000).catch(() => undefined);
      if (seen !== undefined) latencies.push(seen - start);
      // The next key a typist's interval after this one (at once if the echo took longer).
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, start + KEY_INTERVAL_MS - Date.now())));
    }
    client.write('\u0015');
  })();
  return {
    async stop(): Promise<number[]> {
      stopped = true;
      await loop;
      return latencies;
    },
  };
}

/** The issue's goals hold for 2,000 contacts and 5,000 messages; other sizes show figures only (the ratio's goal holds for any). */
const figuresFor = ({ contacts: CONTACTS, messages: MESSAGES }: { contacts: number | string; messages: number | string }): Figure[] => {
  const goal = (value: number): { goal?: number } => (CONTACTS === 2000 && MESSAGES === 5000 ? { goal: value } : {});
  return [
    { key: 'firstFrameMs', label: 'first frame after launch (ms)', goal: 250 },
    { key: 'rosterDrawnMs', label: `launch → ${CONTACTS}-contact roster drawn (ms)`, ...goal(500) },
    { key: 'floodCpuS', label: `CPU to absorb ${MESSAGES} messages (s)`, ...goal(2) },
    { key: 'floodOnScreenMs', label: `flood start → last of ${MESSAGES} on screen (ms)` },
    { key: 'serverRoutingMs', label: `server routing time of the same flood (ms)` },
    { key: 'floodVsServer', label: 'on screen ÷ server routing time', goal: 1.2 },
    { key: 'echoP50Ms', label: 'keystroke echo during the flood, p50 (ms)*' },
    { key: 'echoP99Ms', label: 'keystroke echo during the flood, p99 (ms)*', goal: 16 },
    { key: 'peakRssMiB', label: 'peak RSS (MiB)', ...goal(90) },
  ];
};

/** Nearest rank: the smallest sample with at least a fraction q of all samples at or below it. */
function percentile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

const pooledEcho = new Map<string, number[]>();
// Prosody's file storage stops archiving at 10,000 messages an account and then rewrites the
// whole archive every 100 messages, which stalled floods over ~10,000 (the archive is the
// server's work, as on a real server; its size cap is not what is measured).
const info = await startProsody({ archiveItemLimit: 1_000_000 });
const bySize: Array<{ size: Size; results: Record<string, Record<string, number>[]> }> = [];
try {
  const kinds = values.clients.split(',').map((name) => {
    const kind = KINDS[name];
    if (!kind) throw new Error(`unknown client ${name}; known: ${Object.keys(KINDS).join(', ')}`);
    return kind;
  }).filter(available);
  for (const size of SIZES) {
    const results: Record<string, Record<string, number>[]> = {};
    for (const kind of kinds) {
      const name = kind.name;
      results[name] = [];
      const echoSamples: number[] = [];
      await warmUp(info, kind).catch((error: unknown) => process.stderr.write(`bench: ${name} warm-up launch failed: ${error instanceof Error ? error.message : String(error)}\n`));
      for (let run = 0; run < RUNS; run++) {
        process.stderr.write(`bench: ${name} run ${run + 1}/${RUNS} (${size.contacts} contacts, ${size.messages} messages) ...\n`);
        try {
          results[name].push(await oneRun(info, kind, size, echoSamples));
        } catch (error) {
          process.stderr.write(`bench: ${name} run ${run + 1} failed: ${error instanceof Error ? error.message : String(error)}\n`);
        }
      }
      if (echoSamples.length > 0) pooledEcho.set(`${size.contacts}/${size.messages}/${name}`, echoSamples);
    }
    bySize.push({ size, results });
  }
} finally {
  await info.stop();
}
const tables = bySize.map(({ size, results }) => {
  const figures = figuresFor(size);
  const summary = summarize(figures, results);
  // A run types ~70 keys, so its own p99 is its slowest key: the table's p50 and p99 are those
  // of every key of every run (the spread still shows each run's own).
  for (const client of Object.keys(results)) {
    const samples = pooledEcho.get(`${size.contacts}/${size.messages}/${client}`);
    const p50 = summary.echoP50Ms?.[client];
    const p99 = summary.echoP99Ms?.[client];
    if (!samples) continue;
    if (p50) p50.median = percentile(samples, 0.5);
    if (p99) p99.median = percentile(samples, 0.99);
  }
  console.log(`\n${size.contacts} contacts, ${size.messages} messages:`);
  console.log(formatTable(figures, summary, Object.keys(results)));
  const keys = Object.keys(results).map((client) => `${client} ${pooledEcho.get(`${size.contacts}/${size.messages}/${client}`)?.length ?? 0}`);
  console.log(`* of every keystroke of every run (${keys.join(', ')} keys); in brackets, each run's own.`);
  return { size, summary, runs: results };
});
if (tables.length > 1) {
  console.log('\nscaling (median at each N contacts/M messages):');
  console.log(formatScaling(figuresFor({ contacts: 'N', messages: 'M' }), tables));
}
const history = await historyFigures(Number(values.stored), RUNS);
console.log(`\nnatter's history (${Number(values.stored).toLocaleString('en')} stored messages in one chat, ${(2 * Number(values.stored)).toLocaleString('en')} in all):`);
for (const [label, value] of Object.entries(history)) console.log(`  ${label}: ${value}`);
const file = new URL('./results.json', import.meta.url).pathname.replace('/dist/bench/', '/bench/');
writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), parameters: { sizes: SIZES, runs: RUNS, size: SIZE, sender: SENDER, keyIntervalMs: KEY_INTERVAL_MS }, tables, history }, null, 2)}\n`);
console.log(`\nwrote ${file}`);
