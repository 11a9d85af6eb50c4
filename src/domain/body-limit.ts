import { ownCopy } from './own-copy.js';
import { formatCount } from './plain-format.js';

/**
 * natter keeps message bodies up to this many characters, in memory and in the history. Servers
 * relay stanzas up to about 256 KiB (Prosody's and ejabberd's default c2s limit); a chat line
 * longer than 64 Ki characters is a paste or an attack, and 2,000 of them must still fit a tab.
 */
export const MAX_BODY_CHARS = 64 * 1024;

/** The body itself when it fits; otherwise its start and a note saying what was cut, within the limit. */
export function cutBody(body: string): string {
  if (body.length <= MAX_BODY_CHARS) return body;
  const note = `\n[… natter keeps ${formatCount(MAX_BODY_CHARS)} characters of a message; this one had ${formatCount(body.length)}]`;
  return ownCopy(body.slice(0, MAX_BODY_CHARS - note.length) + note);
}

/**
 * `text` when it has at most `max` characters; otherwise its first ones and "…", `max` in all
 * (never half a surrogate pair). For short fields from the network: a note, a nick.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return ownCopy(`${text.slice(0, end)}…`);
}
