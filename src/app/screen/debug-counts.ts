import type { EventEmitter } from 'node:events';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseTabId } from '../../domain/tab-address.js';
import type { Store } from '../../store/create-store.js';

/** The environment variable naming the file natter writes its counts to on SIGUSR2. */
export const DEBUG_COUNTS_VARIABLE = 'NATTER_DEBUG_COUNTS';

export interface DebugCounts {
  at: string;
  /** process._getActiveHandles().length: sockets, timers, the terminal's streams. */
  handles: number;
  /** process.getActiveResourcesInfo() by kind ("Timeout", "TCPSocketWrap", "TTYWrap", ...). */
  resources: Record<string, number>;
  /** Listeners of each emitter given, summed over its event names. */
  listeners: Record<string, number>;
  /** Whatever else the caller counts (the store's subscribers). */
  other: Record<string, number>;
  /**
   * What natter holds and may rightly hold more of as it runs (lines kept per tab, up to a
   * cap), with the heap it takes: to tell memory that grows with what is kept from a leak.
   */
  held: Record<string, number>;
}

const MiB = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** What natter holds on to now: the figures a leak of listeners or timers makes grow. */
export function debugCounts(emitters: Record<string, EventEmitter>, other: () => Record<string, number>, held: () => Record<string, number> = () => ({})): DebugCounts {
  const resources: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) resources[kind] = (resources[kind] ?? 0) + 1;
  const listeners: Record<string, number> = {};
  for (const [name, emitter] of Object.entries(emitters)) {
    listeners[name] = emitter.eventNames().reduce((sum, event) => sum + emitter.listenerCount(event), 0);
  }
  // _getActiveHandles is undocumented but stable since Node 0.x; the resources above are its documented successor.
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;
  // With node --expose-gc (NODE_OPTIONS), the heap is collected first: heapUsed is then what is live, not what awaits collection.
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const heap = { rssMiB: MiB(memory.rss), heapUsedMiB: MiB(memory.heapUsed), heapTotalMiB: MiB(memory.heapTotal), externalMiB: MiB(memory.external), arrayBuffersMiB: MiB(memory.arrayBuffers) };
  return { at: new Date().toISOString(), handles, resources, listeners, other: other(), held: { ...held(), ...heap, ...residentByKind() } };
}

/**
 * Where the resident memory is (Linux /proc/self/smaps): malloc's main heap ([heap]), anonymous
 * mappings (V8's pages, malloc's other arenas and large blocks), and files (code, libraries).
 * Empty elsewhere. Tells memory V8 keeps from memory malloc keeps after a flood.
 */
function residentByKind(): Record<string, number> {
  let smaps: string;
  try {
    smaps = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return {};
  }
  const kib = { mallocHeap: 0, anonymous: 0, files: 0 };
  let kind: keyof typeof kib = 'anonymous';
  for (const line of smaps.split('\n')) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) kind = mapping[1] === '[heap]' ? 'mallocHeap' : mapping[1]!.startsWith('/') ? 'files' : 'anonymous';
    else if (line.startsWith('Rss:')) kib[kind] += Number(line.slice(4).trim().split(' ')[0]);
  }
  return { rssMallocHeapMiB: MiB(kib.mallocHeap * 1024), rssAnonymousMiB: MiB(kib.anonymous * 1024), rssFilesMiB: MiB(kib.files * 1024) };
}

/**
 * With NATTER_DEBUG_COUNTS=FILE in the environment, each SIGUSR2 writes debugCounts() to FILE
 * as one JSON object (written aside and renamed, so a reader never sees half of it): how the
 * soak (`npm run stress`) sees a listener or timer leak from outside. Without the variable
 * nothing is installed and SIGUSR2 keeps Node's default (the process ends). Nothing of it runs
 * on the way of a message. Returns the uninstaller.
 */
export function writeCountsOnSignal(
  file: string | undefined,
  emitters: Record<string, EventEmitter>,
  other: () => Record<string, number>,
  held?: () => Record<string, number>,
): () => void {
  if (!file) return () => undefined;
  const write = (): void => {
    try {
      writeFileSync(`${file}.tmp`, `${JSON.stringify(debugCounts(emitters, other, held))}\n`, { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
    } catch {
      // a debugging aid: a file that can not be written must not disturb the chat
    }
  };
  process.on('SIGUSR2', write);
  return () => void process.off('SIGUSR2', write);
}

/** The screen's counts (NATTER_DEBUG_COUNTS): the process and its terminal streams, the store's subscribers and the lines it keeps. */
export function writeScreenCountsOnSignal(store: Store): () => void {
  return writeCountsOnSignal(process.env[DEBUG_COUNTS_VARIABLE], { process, stdin: process.stdin, stdout: process.stdout }, () => store.listenerCounts(), () => {
    const { tabs, lines } = store.getState();
    const kept = Object.values(lines);
    // The characters of the lines' texts, by tab kind: which of natter's bounded buffers holds the heap.
    const chars: Record<string, number> = {};
    for (const [id, tabLines] of Object.entries(lines)) {
      const kind = `${parseTabId(id)?.kind ?? 'other'}LineChars`;
      chars[kind] = (chars[kind] ?? 0) + tabLines.reduce((sum, line) => sum + line.text.length, 0);
    }
    return { tabs: tabs.length, lines: kept.reduce((sum, tabLines) => sum + tabLines.length, 0), ...chars };
  });
}
