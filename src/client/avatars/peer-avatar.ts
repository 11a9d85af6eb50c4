import type { Picture } from '../../domain/picture.js';
import { MAX_PICTURE_SIDE } from '../../domain/picture.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { buildDataQuery, buildMetadataQuery, parseDataAnswer, parseMetadataAnswer, type DataParse } from '../../xmpp/features/avatar/avatar.js';
import { readImageHeader } from '../../xmpp/features/avatar/image-header.js';
import { readVcardPhoto } from '../../xmpp/features/avatar/vcard-photo.js';
import { buildVcardQuery } from '../../xmpp/features/vcard/vcard.js';
import { toPicture } from './box-filter.js';
import { conditionOf, QUERY_TIMEOUT_MS, type AskPort } from '../who/ask-entity.js';
import { sha1Hex, type AvatarCache } from './avatar-cache.js';
import { loadDecoder } from './load-decoder.js';

/** An avatar to draw (with its caption), or the line that says why there is none. */
export type AvatarOutcome = { caption: string; picture: Picture } | { caption: string; picture?: undefined };

/**
 * What the account heard of a contact's avatar: the id of its last metadata notification
 * (XEP-0084; the avatar cached under it is drawn when the metadata query gets no answer: the
 * query is asked each time, as a notification may still be on its way) and the photo hash of
 * its presence (XEP-0153).
 */
export interface KnownHashes {
  pep?: string | null | undefined;
  photo?: string | undefined;
}

/** Where an avatar was found, for the caption. */
type Source = 'XEP-0084' | 'vCard';
type Found = { source: Source; hash: string; bytes: Buffer } | { none: string };

/**
 * The avatar of `bare` as a picture for /info: its PEP avatar (XEP-0084), else the PHOTO of its
 * vCard (XEP-0153), from the cache when its hash is there, else fetched, checked against its
 * hash and cached; then its header read (type, size, bounds) before the decoder is loaded and
 * run. Never throws: whatever goes wrong is the caption of a line without a picture.
 */
export async function avatarOf(port: Pick<AskPort, 'ask'>, cache: AvatarCache, bare: string, known: KnownHashes = {}): Promise<AvatarOutcome> {
  let found: Found;
  try {
    found = (await fromPep(port, cache, bare)) ?? (await fromVcard(port, cache, bare, known.photo));
  } catch (error) {
    // No answer (a timeout, the link gone): the avatar the last notification named, if it is cached.
    const notified = known.pep ? await cache.get(known.pep) : undefined;
    if (!notified || !known.pep) return { caption: `avatar: not shown: ${sanitizeLine(error instanceof Error ? error.message : String(error))}` };
    found = { source: 'XEP-0084', hash: known.pep, bytes: notified };
  }
  if ('none' in found) return { caption: `avatar: ${found.none}` };
  return draw(found);
}

/** The PEP avatar; undefined when there is none (no item, or the node is not there), to try the vCard. */
async function fromPep(port: Pick<AskPort, 'ask'>, cache: AvatarCache, bare: string): Promise<Found | undefined> {
  let answer;
  try {
    answer = await port.ask(buildMetadataQuery(), bare, QUERY_TIMEOUT_MS);
  } catch (error) {
    if (conditionOf(error) !== undefined) return undefined; // item-not-found, forbidden, …: no PEP avatar to see
    throw error;
  }
  const metadata = parseMetadataAnswer(answer);
  if (!metadata.ok) return { none: `refused: ${metadata.reason}` };
  if (!metadata.info) return undefined;
  const { id } = metadata.info;
  const cached = await cache.get(id);
  if (cached) return { source: 'XEP-0084', hash: id, bytes: cached };
  const data = parseDataAnswer(await port.ask(buildDataQuery(id), bare, QUERY_TIMEOUT_MS));
  return checked('XEP-0084', data, id, cache);
}

/** The vCard's PHOTO; the presence's hash (XEP-0153), when known, finds it in the cache without asking. */
async function fromVcard(port: Pick<AskPort, 'ask'>, cache: AvatarCache, bare: string, photoHash: string | undefined): Promise<Found> {
  const cached = photoHash ? await cache.get(photoHash) : undefined;
  if (cached && photoHash) return { source: 'vCard', hash: photoHash, bytes: cached };
  let card;
  try {
    card = await port.ask(buildVcardQuery(), bare, QUERY_TIMEOUT_MS);
  } catch (error) {
    if (conditionOf(error) !== undefined) return { none: 'none published' };
    throw error;
  }
  const photo = readVcardPhoto(card);
  if (!photo) return { none: 'none published' };
  if (!photo.ok) return { none: `refused: ${photo.reason}` };
  return checked('vCard', photo, photoHash || sha1Hex(photo.bytes), cache);
}

/**
 * XEP-0084 §4.2: the id "MUST be the SHA-1 hash of the image data"; XEP-0153 §3.1 likewise for
 * the photo hash. Bytes that do not hash to it are not cached nor drawn.
 */
async function checked(source: Source, data: DataParse, hash: string, cache: AvatarCache): Promise<Found> {
  if (!data.ok) return { none: `refused: ${data.reason}` };
  if (sha1Hex(data.bytes) !== hash) return { none: 'refused: the image does not match its SHA-1 hash' };
  await cache.put(hash, data.bytes).catch(() => false); // a full or read-only disk: drawn all the same
  return { source, hash, bytes: data.bytes };
}

/** The header judged before any decoding; the decoder loaded only now; damaged data is a caption. */
async function draw(found: { source: Source; hash: string; bytes: Buffer }): Promise<AvatarOutcome> {
  const header = readImageHeader(found.bytes);
  if (!header.ok) return { caption: `avatar: refused: ${header.reason}` };
  const what = `${header.width}×${header.height} ${header.type === 'image/png' ? 'PNG' : 'JPEG'}`;
  try {
    const { decodeImage } = await loadDecoder();
    const picture = toPicture(decodeImage(found.bytes, header.type), MAX_PICTURE_SIDE);
    return { caption: `avatar (${found.source === 'vCard' ? 'vCard, XEP-0153' : 'XEP-0084'}, ${what}):`, picture };
  } catch (error) {
    return { caption: `avatar: refused: the ${what} image is damaged (${sanitizeLine(String((error as Error).message ?? error)).slice(0, 120)})` };
  }
}
