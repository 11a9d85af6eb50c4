import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';

const STRESS = new URL('../../dist/bench/stress.js', import.meta.url).pathname;
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

interface Counts {
  handles: number;
  resources: Record<string, number>;
  listeners: Record<string, number>;
  other: Record<string, number>;
  held: Record<string, number>;
}

/**
 * `npm run stress` at a tiny size (20 s, 20 messages a second, 200 contacts, 5 rooms): the
 * script runs end to end and its checks work. Its performance goals (RSS growth, the counts
 * not growing) are the script's to judge on a full run, never asserted here.
 */
it('npm run stress, small: every message sent is in natter\'s history once, the counts are read, the table and picture are written', async () => {
  const results = mkdtempSync(join(tmpdir(), 'natter-stress-test-'));
  cleanup.push(() => rmSync(results, { recursive: true, force: true }));
  const args = [STRESS, '--minutes', '0.34', '--rate', '20', '--contacts', '200', '--rooms', '5', '--peers', '10', '--results', results];
  const { stdout } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
    execFile(process.execPath, args, { timeout: 170_000 }, (error, stdout, stderr) => {
      // Exit 1 is a missed goal: the report is written all the same, and judged below.
      if (error && error.code !== 1) reject(new Error(`${error.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    }),
  );
  expect(stdout).toContain(`wrote ${join(results, 'soak.svg')}`);
  const report = JSON.parse(readFileSync(join(results, 'soak.json'), 'utf8')) as {
    traffic: { chat: number; room: number; failed: number };
    delivered: { distinct: number; duplicates: number };
    counts: { start?: Counts; warm?: Counts; end?: Counts };
    samples: Array<{ rssMiB: number }>;
  };
  const sent = report.traffic.chat + report.traffic.room;
  expect(report.traffic.failed).toBe(0);
  expect(report.traffic.room).toBeGreaterThan(0);
  expect(report.traffic.chat).toBeGreaterThan(0);
  expect(report.delivered).toEqual({ distinct: sent, duplicates: 0 });
  for (const counts of [report.counts.start, report.counts.warm, report.counts.end]) {
    expect(counts?.handles).toBeGreaterThan(0);
    // natter's terminal and its link to the server, and the screen subscribed to the store.
    expect(counts?.resources.TTYWrap).toBeGreaterThan(0);
    expect(counts?.resources.TCPSocketWrap).toBeGreaterThan(0);
    expect(counts?.listeners.process).toBeGreaterThan(0);
    expect(counts?.other.screen).toBeGreaterThan(0);
  }
  // Every message is a line kept in its tab (far below the per-tab cap at this size).
  expect(report.counts.end?.held.lines).toBeGreaterThanOrEqual(sent);
  expect(report.samples.length).toBeGreaterThan(15);
  expect(report.samples.every((s) => s.rssMiB > 0)).toBe(true);
  const svg = readFileSync(join(results, 'soak.svg'), 'utf8');
  expect(svg.match(/<polyline /g)).toHaveLength(2);
  const table = readFileSync(join(results, 'soak.md'), 'utf8');
  expect(table).toContain('| window');
  expect(table).toContain(`${sent} sent`);
}, 180_000);
