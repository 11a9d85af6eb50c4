import { sanitizeLine } from '../../domain/sanitize.js';
import type { MessageHistory, SearchHit } from '../../history/message-history.js';
import { ExitCode } from './exit-codes.js';

/** JSON that keeps the data but can not drive a terminal: C1 and bidi controls as \u escapes. */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const pad = (n: number): string => String(n).padStart(2, '0');

function formatHit(hit: SearchHit): string {
  const d = new Date(hit.at);
  const when = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const arrow = hit.direction === 'in' ? '<' : '>';
  return `${when}  ${sanitizeLine(hit.account)} ${arrow} ${sanitizeLine(hit.peer)}  ${sanitizeLine(hit.snippet)}`;
}

/**
 * `natter search WORDS`: prints matching messages, newest first, one per line (or JSON lines
 * with --json). Like grep, exits 1 when nothing matches. Text from the network is sanitized,
 * so a stored escape sequence can not reach the terminal.
 */
export function runSearch(history: MessageHistory, words: string, options: { peer?: string; json: boolean }, out: NodeJS.WritableStream = process.stdout): number {
  const hits = history.search(words, { ...(options.peer ? { peer: options.peer } : {}), limit: 200 });
  for (const hit of hits) {
    out.write(
      options.json
        ? `${terminalSafeJson({ id: hit.id, account: hit.account, peer: hit.peer, direction: hit.direction, at: new Date(hit.at).toISOString(), body: hit.body })}\n`
        : `${formatHit(hit)}\n`,
    );
  }
  if (hits.length === 0) process.stderr.write(`natter: no message matches "${sanitizeLine(words)}".\n`);
  return hits.length > 0 ? ExitCode.ok : ExitCode.failure;
}
