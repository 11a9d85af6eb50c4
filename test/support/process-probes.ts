import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PtySession } from './pty.js';

/** A process's resident set (VmRSS) in KiB, from /proc; undefined once it is gone. */
export function rssKib(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Percentiles of a list of numbers (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * How long the input line takes to show a key: types `mark` and waits until the screen shows
 * one more of it than before (the input line is the only place it can appear). Every
 * `clearEvery` keys the line is emptied (Ctrl-U) and that wait is not counted.
 */
export function keyProbe(natter: PtySession, mark: string, clearEvery = 12): { probe(): Promise<number> } {
  let typed = 0;
  const shown = (count: number) => new RegExp(`(?<!${mark})${mark}{${count}}(?!${mark})`, 'u');
  return {
    async probe() {
      if (typed === clearEvery) {
        natter.write('\u0015');
        await natter.waitForText(new RegExp(`^(?![\\s\\S]*${mark})`, 'u'), 600_000);
        typed = 0;
      }
      const started = performance.now();
      natter.write(mark);
      typed += 1;
      await natter.waitForText(shown(typed), 600_000);
      return performance.now() - started;
    },
  };
}

/** Every regular file under `dir`, with the SQLite databases among them told apart. */
export function filesUnder(dir: string): Array<{ path: string; sqlite: boolean }> {
  const found: Array<{ path: string; sqlite: boolean }> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path));
    else if (entry.isFile() && statSync(path).size > 0) found.push({ path, sqlite: readFileSync(path).subarray(0, 15).toString('latin1') === 'SQLite format 3' });
  }
  return found;
}

