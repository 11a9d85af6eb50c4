// npm run stress [-- --minutes 10 --rate 100 --contacts 2000 --rooms 50 --peers 40 --results DIR]
// The soak: natter in a real pseudo-terminal against a private Prosody, with 2,000 contacts
// and 50 rooms, taking 100 messages a second (1:1 from 40 contacts and room traffic, half
// each) for 10 minutes. Goals: RSS of the last minute within 10 % of the second minute's
// (the first is the warm-up), no more listeners, handles or timers at the end than after the
// warm-up, and every message in natter's history. Writes a table (soak.md), the RSS/CPU curve
// (soak.svg) and every sample (soak.json) into stress-results/; exits 1 when a goal is missed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runSoak, type SoakRun } from './soak/run-soak.js';
import { countGrowth, curveSvg, heldGrowth, rssGrowth, windowTable } from './soak/soak-report.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '100' },
    contacts: { type: 'string', default: '2000' },
    rooms: { type: 'string', default: '50' },
    peers: { type: 'string', default: '40' },
    results: { type: 'string', default: new URL('../../stress-results/', import.meta.url).pathname },
  },
});
const number = (name: keyof typeof values, min: number): number => {
  const value = Number(values[name]);
  if (!(value >= min)) throw new Error(`--${name} takes a number of at least ${min}; not "${values[name]}"`);
  return value;
};
const minutes = number('minutes', 0.1);
const options = { minutes, rate: number('rate', 1), contacts: number('contacts', 1), rooms: number('rooms', 0), peers: number('peers', 1) };
// Minutes of a full run; a run under 3 minutes compares thirds of itself.
const windowS = Math.min(60, Math.floor((minutes * 60) / 3));
const resultsDir = resolve(values.results);

const run: SoakRun = await runSoak({ ...options, windowS, log: (line) => void process.stderr.write(`${line}\n`) });
const sent = run.traffic.chat + run.traffic.room;
const growth = rssGrowth(run.samples, windowS, run.durationS);
const leaks = run.counts.warm && run.counts.end ? countGrowth(run.counts.warm, run.counts.end) : ['the counts could not be read (NATTER_DEBUG_COUNTS)'];
const lost = sent - run.delivered.distinct;
const goals = [
  { goal: 'RSS growth after warm-up < 10 %', value: `${(100 * growth.growth).toFixed(1)} % (${growth.warm.rssMeanMiB.toFixed(1)} → ${growth.last.rssMeanMiB.toFixed(1)} MiB)`, met: growth.growth < 0.1 },
  { goal: 'no listener, handle or timer growth', value: leaks.length ? leaks.join(', ') : 'none', met: leaks.length === 0 },
  { goal: 'every message received, once', value: `${sent} sent (${run.traffic.chat} 1:1, ${run.traffic.room} room, ${run.traffic.failed} send errors), ${run.delivered.distinct} in the history, ${lost} lost, ${run.delivered.duplicates} duplicated`, met: lost === 0 && run.delivered.duplicates === 0 && run.traffic.failed === 0 },
];
const receivedBy = (t: number): number => [...run.received].reverse().find(([at]) => at <= t + 0.5)?.[1] ?? 0;
const title = `natter soak: ${options.contacts} contacts, ${options.rooms} rooms, ${options.rate} msg/s for ${minutes} min`;
const table = windowTable(run.samples, windowS, receivedBy);
const countsLine = (name: string, c: SoakRun['counts']['end']): string =>
  c ? `${name}: handles ${c.handles}, resources ${JSON.stringify(c.resources)}, listeners ${JSON.stringify(c.listeners)}, store ${JSON.stringify(c.other)}, held ${JSON.stringify(c.held ?? {})}` : `${name}: not read`;
const held = heldGrowth(run.counts.warm, run.counts.end);
const markdown = [
  `# ${title}`,
  '',
  `${new Date().toISOString()}; "received" is counted in natter's history database every 5 s (a row shows the last count in its window).`,
  '',
  table,
  '',
  ...goals.map((g) => `- ${g.met ? 'met' : 'MISSED'}: ${g.goal}: ${g.value}`),
  ...(held ? [`- after warm-up: ${held}`] : []),
  '',
  ...(['start', 'warm', 'end'] as const).map((name) => `- ${countsLine(name, run.counts[name])}`),
  ...(run.exited ? ['', 'natter did not answer at the end; its screen:', '```', run.exited, '```'] : []),
  '',
].join('\n');
mkdirSync(resultsDir, { recursive: true });
const files = { table: join(resultsDir, 'soak.md'), picture: join(resultsDir, 'soak.svg'), data: join(resultsDir, 'soak.json') };
writeFileSync(files.table, markdown);
writeFileSync(files.picture, curveSvg(run.samples, growth, title));
writeFileSync(files.data, `${JSON.stringify({ date: new Date().toISOString(), options, windowS, goals, growth, ...run }, null, 1)}\n`);
console.log(markdown);
console.log(`wrote ${files.table}\nwrote ${files.picture}\nwrote ${files.data}`);
process.exitCode = goals.every((g) => g.met) ? 0 : 1;
