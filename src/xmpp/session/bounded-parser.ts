import { Parser, XMLError } from '@xmpp/xml';
import { ownCopy } from '../../domain/own-copy.js';

/**
 * Deeper than this, elements are not built: no protocol natter speaks nests past ~10 levels
 * (a MAM result: message > result > forwarded > message > body), and code that walks a tree
 * (the XML console's masking, serialising) recurses once per level.
 */
export const MAX_DEPTH = 64;
/**
 * One stanza's size. Servers relay far less from other users (Prosody: 256 KiB from a
 * client, 512 KiB over s2s; ejabberd: 64 KiB), so only the server itself can reach this,
 * e.g. with a roster of some 25,000 contacts.
 */
export const MAX_STANZA_CHARS = 4 * 1024 * 1024;
/**
 * One run of text or one attribute value without markup. ltx re-joins an unfinished run with
 * each new read, so its cost grows with the square of the run: 1 MiB costs ~0.15 s, 4 MiB 1.4 s.
 */
export const MAX_RUN_CHARS = 1024 * 1024;

/**
 * @xmpp/xml's stream parser with limits, so no input can exhaust the stack, the heap or the
 * CPU. Over the depth limit, the deeper elements are skipped and the stanza is delivered
 * without them (a stranger can send one; ending the stream for it would only bring it back
 * on the resumed stream). Over a size limit, only a server can be: the parser reports an
 * XMLError (xmpp.js then ends the stream with bad-format) and reads nothing more.
 */
export class BoundedParser extends Parser {
  /** Elements open, the stream's root included. */
  private depth = 0;
  /** Elements open below the depth limit, being skipped. */
  private skipping = 0;
  private stanzaChars = 0;
  private runChars = 0;
  private failed = false;

  override write(data: string): void {
    if (this.failed) return;
    this.stanzaChars += data.length;
    const lastMark = Math.max(data.lastIndexOf('<'), data.lastIndexOf('>'));
    this.runChars = lastMark < 0 ? this.runChars + data.length : data.length - lastMark - 1;
    if (this.stanzaChars > MAX_STANZA_CHARS) return this.fail(`a stanza over ${MAX_STANZA_CHARS / 1024 / 1024} MiB`);
    if (this.runChars > MAX_RUN_CHARS) return this.fail(`a text or attribute over ${MAX_RUN_CHARS / 1024 / 1024} MiB`);
    super.write(data);
  }

  // Texts, names and attribute values are copied out of the socket chunk they were cut from (own-copy.ts).
  override onStartElement(name: string, attrs?: Record<string, string>): void {
    if (this.skipping > 0 || this.depth > MAX_DEPTH) {
      this.skipping++;
      return;
    }
    this.depth++;
    if (attrs !== undefined) for (const key of Object.keys(attrs)) attrs[key] = ownCopy(attrs[key]!);
    super.onStartElement(ownCopy(name), attrs);
  }

  override onEndElement(name: string): void {
    if (this.skipping > 0) {
      this.skipping--;
      return;
    }
    this.depth--;
    super.onEndElement(name);
  }

  override onText(text: string): void {
    if (this.skipping === 0) super.onText(ownCopy(text));
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'element') this.stanzaChars = 0;
    return super.emit(event, ...args);
  }

  private fail(what: string): void {
    this.failed = true;
    this.emit('error', new XMLError(`the server sent ${what}, more than natter reads`));
  }
}
