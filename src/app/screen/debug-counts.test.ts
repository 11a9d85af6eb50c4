import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { debugCounts, writeCountsOnSignal, type DebugCounts } from './debug-counts.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('debug counts', () => {
  it('counts listeners over every event of each emitter, timers among the resources, and what the caller adds', () => {
    const emitter = new EventEmitter();
    emitter.on('a', () => undefined);
    emitter.on('a', () => undefined);
    emitter.on('b', () => undefined);
    const before = debugCounts({ emitter }, () => ({ screen: 3 }));
    const timer = setTimeout(() => undefined, 60_000);
    const after = debugCounts({ emitter }, () => ({ screen: 3 }));
    clearTimeout(timer);
    expect(before.listeners).toEqual({ emitter: 3 });
    expect(before.other).toEqual({ screen: 3 });
    expect(after.resources.Timeout ?? 0).toBe((before.resources.Timeout ?? 0) + 1);
    expect(after.handles).toBeGreaterThan(0);
  });

  it('splits the resident memory into malloc\'s heap, anonymous mappings and files, adding up to about the RSS', () => {
    const { held } = debugCounts({}, () => ({}));
    const parts = held.rssMallocHeapMiB! + held.rssAnonymousMiB! + held.rssFilesMiB!;
    expect(held.rssAnonymousMiB).toBeGreaterThan(held.heapUsedMiB! / 2); // V8's heap is anonymous memory
    expect(held.rssFilesMiB).toBeGreaterThan(1); // node itself
    expect(Math.abs(parts - held.rssMiB!)).toBeLessThan(held.rssMiB! * 0.2);
  });

  it('writes the counts to the file on SIGUSR2 when a file is named, and installs nothing otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'natter-counts-'));
    dirs.push(dir);
    const file = join(dir, 'counts.json');
    const signalListeners = process.listenerCount('SIGUSR2');
    const none = writeCountsOnSignal(undefined, {}, () => ({}));
    expect(process.listenerCount('SIGUSR2')).toBe(signalListeners);
    none();
    const emitter = new EventEmitter();
    emitter.on('x', () => undefined);
    const uninstall = writeCountsOnSignal(file, { emitter }, () => ({ watchers: 2 }), () => ({ lines: 7 }));
    try {
      process.kill(process.pid, 'SIGUSR2');
      await expect.poll(() => existsSync(file)).toBe(true);
      const counts = JSON.parse(readFileSync(file, 'utf8')) as DebugCounts;
      expect(counts.listeners).toEqual({ emitter: 1 });
      expect(counts.other).toEqual({ watchers: 2 });
      expect(counts.held).toMatchObject({ lines: 7 });
      expect(counts.held.heapUsedMiB).toBeGreaterThan(0);
      expect(counts.handles).toBeGreaterThan(0);
    } finally {
      uninstall();
    }
    expect(process.listenerCount('SIGUSR2')).toBe(signalListeners);
  });
});
