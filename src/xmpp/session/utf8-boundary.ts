/**
 * Where `bytes` can be cut (at or before `limit`) without splitting a UTF-8 character: the
 * index of the first byte of a character, or `bytes.length` when everything up to the end is
 * whole. A character cut at the end of a read (a TCP segment, a TLS record) is held back for
 * the next read: @xmpp/connection decodes each chunk on its own (`data.toString('utf8')`), and
 * would turn both halves into U+FFFD. Invalid input is cut where asked rather than held.
 */
export function utf8Boundary(bytes: Uint8Array, limit = bytes.length): number {
  const end = Math.min(limit, bytes.length);
  // Back over at most three continuation bytes (10xxxxxx) to the character's first byte.
  let start = end;
  while (start > 0 && end - start < 4 && ((bytes[start - 1] as number) & 0xc0) === 0x80) start--;
  if (start === 0 || end - start >= 4) return end; // no lead byte near: not UTF-8, cut as asked
  const lead = bytes[start - 1] as number;
  const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  // The character that starts at start - 1 ends inside the bytes up to `end`: cut after it.
  return start - 1 + length <= end ? end : start - 1;
}
