import { formatCount } from '../../domain/plain-format.js';

/** The console says at most once in this long that strangers' messages were kept without a tab. */
export const UNTABBED_NOTE_MS = 30_000;
/** People counted by name in one note at most (a flood from thousands is still one number). */
const MAX_COUNTED = 1000;

export interface UntabbedTexts {
  /** The first message of a quiet spell: who sent it and how to read it. */
  first(peer: string): string;
  /** The ones after it, e.g. "12 more messages from 9 people". */
  more(messages: string, people: string): string;
}

/**
 * Console notes for messages kept in the history without a tab (MAX_STRANGER_TABS strangers'
 * tabs open): the first one at once, naming the sender and how to read it; the ones after it
 * counted and said together at most every UNTABBED_NOTE_MS, so 200 strangers make two lines,
 * not 200.
 */
export function untabbedNotes(say: (text: string) => void, texts: UntabbedTexts, windowMs = UNTABBED_NOTE_MS) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let messages = 0;
  const people = new Set<string>();
  const quietFor = (): void => {
    timer = setTimeout(flush, windowMs);
    timer.unref?.();
  };
  const flush = (): void => {
    timer = undefined;
    if (messages === 0) return;
    const from = people.size >= MAX_COUNTED ? `over ${formatCount(MAX_COUNTED)} people` : people.size === 1 ? '1 person' : `${formatCount(people.size)} people`;
    say(texts.more(`${formatCount(messages)} more message${messages === 1 ? '' : 's'}`, from));
    messages = 0;
    people.clear();
    quietFor();
  };
  return {
    /** A message from `peer` was kept without a tab. */
    kept(peer: string): void {
      if (timer) {
        messages++;
        if (people.size < MAX_COUNTED) people.add(peer);
        return;
      }
      say(texts.first(peer));
      quietFor();
    },
  };
}
