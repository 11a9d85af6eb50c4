import type { Sample } from './sampler.js';

export interface Counts {
  handles: number;
  resources: Record<string, number>;
  listeners: Record<string, number>;
  other: Record<string, number>;
  /** Not compared: what natter rightly keeps more of (lines, up to their cap) and its heap. */
  held?: Record<string, number>;
}

/** Every count as one flat name → number map ("resources.Timeout", "listeners.process", ...). */
export function flatCounts(counts: Counts): Record<string, number> {
  const flat: Record<string, number> = { handles: counts.handles };
  for (const group of ['resources', 'listeners', 'other'] as const) {
    for (const [name, value] of Object.entries(counts[group])) flat[`${group}.${name}`] = value;
  }
  return flat;
}

/** Counts that are higher at the end than at warm-up (a kind absent at warm-up counts from 0). */
export function countGrowth(warm: Counts, end: Counts): string[] {
  const before = flatCounts(warm);
  return Object.entries(flatCounts(end))
    .filter(([name, value]) => value > (before[name] ?? 0))
    .map(([name, value]) => `${name} ${before[name] ?? 0} → ${value}`);
}

/**
 * How the heap grew against the lines natter keeps (the store's per-tab buffers, capped):
 * memory that follows the lines is kept on purpose, memory beyond them is what leaks.
 */
export function heldGrowth(warm: Counts | undefined, end: Counts | undefined): string | undefined {
  const [lines0, lines1, heap0, heap1] = [warm?.held?.lines, end?.held?.lines, warm?.held?.heapUsedMiB, end?.held?.heapUsedMiB];
  if (lines0 === undefined || lines1 === undefined || heap0 === undefined || heap1 === undefined) return undefined;
  const perLine = lines1 > lines0 ? ` (${(((heap1 - heap0) * 1024 * 1024) / (lines1 - lines0)).toFixed(0)} bytes of heap per line kept)` : '';
  return `lines kept ${lines0} → ${lines1}, V8 heap used ${heap0} → ${heap1} MiB${perLine}`;
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/** The samples with warmStart <= t < warmEnd. */
export const within = (samples: readonly Sample[], from: number, to: number): Sample[] => samples.filter((s) => s.t >= from && s.t < to && Number.isFinite(s.rssMiB));

export interface Window {
  from: number;
  to: number;
  rssMeanMiB: number;
}

/** RSS growth after warm-up: the mean of the last window over the mean of the second (the first is the warm-up). */
export function rssGrowth(samples: readonly Sample[], windowS: number, durationS: number): { warm: Window; last: Window; growth: number } {
  const warm = { from: windowS, to: 2 * windowS };
  const last = { from: durationS - windowS, to: durationS + 0.5 };
  const warmMean = mean(within(samples, warm.from, warm.to).map((s) => s.rssMiB));
  const lastMean = mean(within(samples, last.from, last.to).map((s) => s.rssMiB));
  return { warm: { ...warm, rssMeanMiB: warmMean }, last: { ...last, rssMeanMiB: lastMean }, growth: lastMean / warmMean - 1 };
}

const f1 = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '—');

/** One markdown row per window of `windowS` seconds: RSS mean and max, CPU mean, messages sent and received by its end. */
export function windowTable(samples: readonly Sample[], windowS: number, received: (t: number) => number): string {
  const rows: string[][] = [];
  const end = samples.at(-1)?.t ?? 0;
  for (let from = 0, n = 1; from < end; from += windowS, n++) {
    const inside = within(samples, from, from + windowS);
    if (inside.length === 0) continue;
    const last = inside.at(-1) as Sample;
    const label = windowS === 60 ? String(n) : `${n} (${from}–${Math.min(end, from + windowS).toFixed(0)} s)`;
    rows.push([label, f1(mean(inside.map((s) => s.rssMiB))), f1(Math.max(...inside.map((s) => s.rssMiB))), f1(mean(inside.map((s) => s.cpuPercent))), String(last.sent), String(received(last.t))]);
  }
  const header = [windowS === 60 ? 'minute' : 'window', 'RSS mean (MiB)', 'RSS max (MiB)', 'CPU mean (%)', 'sent', 'received'];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => `| ${r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * RSS (MiB, left axis) and CPU (% of a core, right axis) over time as an SVG line chart,
 * written by hand: no dependency for one picture. The warm and last windows are shaded.
 */
export function curveSvg(samples: readonly Sample[], windows: { warm: Window; last: Window }, title: string): string {
  const [w, h, left, right, top, bottom] = [900, 420, 60, 60, 40, 50];
  const points = samples.filter((s) => Number.isFinite(s.rssMiB));
  const tMax = Math.max(1, ...points.map((s) => s.t));
  const rssMax = Math.max(10, ...points.map((s) => s.rssMiB)) * 1.1;
  const cpuMax = Math.max(10, ...points.map((s) => s.cpuPercent)) * 1.1;
  const x = (t: number): number => left + ((w - left - right) * t) / tMax;
  const y = (v: number, max: number): number => top + (h - top - bottom) * (1 - v / max);
  const line = (values: Array<[number, number]>, max: number): string => values.map(([t, v]) => `${x(t).toFixed(1)},${y(v, max).toFixed(1)}`).join(' ');
  const tickStep = tMax > 300 ? 60 : tMax > 60 ? 30 : 5;
  const ticks: string[] = [];
  for (let t = 0; t <= tMax; t += tickStep) {
    ticks.push(`<line x1="${x(t)}" y1="${h - bottom}" x2="${x(t)}" y2="${h - bottom + 5}" stroke="#444"/><text x="${x(t)}" y="${h - bottom + 18}" text-anchor="middle">${tickStep >= 60 ? `${t / 60} min` : `${t} s`}</text>`);
  }
  const yTicks: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const yy = top + ((h - top - bottom) * i) / 4;
    yTicks.push(`<line x1="${left}" y1="${yy}" x2="${w - right}" y2="${yy}" stroke="#ddd"/>`);
    yTicks.push(`<text x="${left - 6}" y="${yy + 4}" text-anchor="end" fill="#1f5fbf">${f1((rssMax * (4 - i)) / 4)}</text>`);
    yTicks.push(`<text x="${w - right + 6}" y="${yy + 4}" fill="#c0392b">${f1((cpuMax * (4 - i)) / 4)}</text>`);
  }
  const shade = (win: Window, label: string): string =>
    `<rect x="${x(win.from)}" y="${top}" width="${Math.max(0, x(Math.min(tMax, win.to)) - x(win.from))}" height="${h - top - bottom}" fill="#888" opacity="0.12"/>` +
    `<text x="${x(win.from) + 4}" y="${top + 14}" fill="#555">${label} ${f1(win.rssMeanMiB)} MiB</text>`;
  const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="12">
<rect width="${w}" height="${h}" fill="white"/>
<text x="${w / 2}" y="20" text-anchor="middle" font-size="15">${escape(title)}</text>
${yTicks.join('\n')}
${shade(windows.warm, 'warm')}
${shade(windows.last, 'last')}
<polyline fill="none" stroke="#c0392b" stroke-width="1" opacity="0.7" points="${line(points.map((s) => [s.t, s.cpuPercent]), cpuMax)}"/>
<polyline fill="none" stroke="#1f5fbf" stroke-width="2" points="${line(points.map((s) => [s.t, s.rssMiB]), rssMax)}"/>
<line x1="${left}" y1="${h - bottom}" x2="${w - right}" y2="${h - bottom}" stroke="#444"/>
${ticks.join('\n')}
<text x="14" y="${(h - bottom + top) / 2}" transform="rotate(-90 14 ${(h - bottom + top) / 2})" text-anchor="middle" fill="#1f5fbf">RSS (MiB)</text>
<text x="${w - 14}" y="${(h - bottom + top) / 2}" transform="rotate(90 ${w - 14} ${(h - bottom + top) / 2})" text-anchor="middle" fill="#c0392b">CPU (% of one core)</text>
</svg>
`;
}
