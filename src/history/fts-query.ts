/** Each word becomes a quoted FTS5 string, so operators and punctuation in it are inert. */
export function ftsQuery(words: string): string {
  return words
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => `"${w.replaceAll('"', '""')}"`)
    .join(' ');
}
