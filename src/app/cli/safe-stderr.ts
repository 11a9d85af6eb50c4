import { sanitizeText } from '../../domain/sanitize.js';

/**
 * Every byte natter writes to stderr passes through sanitizeText, whoever wrote it: an error
 * can quote what a server or a certificate said (a CN with an OSC 52 clipboard write, an OSC 0
 * title), and one writer that forgot to sanitize must not hand that to the terminal. natter
 * never draws on stderr (the screen is stdout), so nothing of its own is lost.
 */
export function sanitizeStderr(stream: NodeJS.WriteStream = process.stderr): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : undefined;
    return write(text === undefined ? chunk : sanitizeText(text), ...rest);
  }) as NodeJS.WriteStream['write'];
}
