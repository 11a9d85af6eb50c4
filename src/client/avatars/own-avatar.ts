import type { Element } from '@xmpp/xml';
import { readFile, stat } from 'node:fs/promises';
import { sanitizeLine } from '../../domain/sanitize.js';
import { buildPublishData, buildPublishMetadata, type AvatarInfo } from '../../xmpp/features/avatar/avatar.js';
import { readImageHeader } from '../../xmpp/features/avatar/image-header.js';
import { withPhoto } from '../../xmpp/features/avatar/vcard-photo.js';
import { buildVcardQuery } from '../../xmpp/features/vcard/vcard.js';
import { conditionOf, QUERY_TIMEOUT_MS, type AskPort } from '../who/ask-entity.js';
import type { OwnVcardPort } from '../who/own-vcard.js';
import { boxShrink, fitInside } from './box-filter.js';
import { sha1Hex } from './avatar-cache.js';
import { loadDecoder } from './load-decoder.js';

/** The side an avatar is published at, at most (XEP-0084 §7: "between 32 and 96 pixels" is what clients show). */
export const OWN_AVATAR_SIDE = 96;
/** The largest file /avatar set reads, and the widest image (a phone photo is 4000 pixels wide: it is shrunk). */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
const MAX_OWN_SIDE = 4096;

/** What publishing one's avatar needs of an account: asking and setting as for the vCard, its avatars and its presence. */
export interface OwnAvatarPort extends OwnVcardPort {
  setOwnHash(hash: string): void;
  /** Sends the account's presence again (it carries the photo hash, XEP-0153 §4.1). */
  presenceAgain(): Promise<void>;
}

/** The file as a PNG of at most OWN_AVATAR_SIDE a side: read, judged by its header, decoded, shrunk (aspect kept), encoded. */
export async function avatarFromFile(file: string): Promise<{ png: Buffer; width: number; height: number }> {
  const name = sanitizeLine(file);
  let bytes: Buffer;
  try {
    if ((await stat(file)).size > MAX_FILE_BYTES) throw new Error(`${name} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; give a smaller image`);
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`there is no file ${name}`);
    if (code === undefined) throw error;
    throw new Error(`could not read ${name} (${code})`);
  }
  const header = readImageHeader(bytes, MAX_OWN_SIDE);
  if (!header.ok) throw new Error(`${name}: ${header.reason}${header.reason.includes('pixels') ? '' : '; give a PNG or JPEG image'}`);
  const { decodeImage, encodePng } = await loadDecoder();
  let image;
  try {
    image = decodeImage(bytes, header.type);
  } catch (error) {
    throw new Error(`${name} is a damaged image (${sanitizeLine((error as Error).message ?? String(error)).slice(0, 120)})`);
  }
  const size = fitInside(image.width, image.height, OWN_AVATAR_SIDE, OWN_AVATAR_SIDE);
  const small = size.width === image.width && size.height === image.height ? image : boxShrink(image, size.width, size.height);
  return { png: encodePng(small), width: small.width, height: small.height };
}

/**
 * Publishes the account's avatar: XEP-0084 §4.1 data first, then (§4.2) the metadata that
 * announces it ("the user's client MUST first publish … to the data node, then … to the
 * metadata node"), both open to anyone; then the vCard's PHOTO (XEP-0153 §4.1, for clients
 * that read only vCards) and a presence with its hash. `png` undefined clears it (§4.5: "an
 * empty <metadata/> element"). Returns what was done; throws a sentence saying what failed.
 */
export async function publishOwnAvatar(port: OwnAvatarPort, image: { png: Buffer; width: number; height: number } | undefined): Promise<string> {
  const who = sanitizeLine(port.jid);
  const hash = image ? sha1Hex(image.png) : '';
  const info: AvatarInfo | undefined = image && { id: hash, type: 'image/png', bytes: image.png.length, width: image.width, height: image.height };
  if (image) await publish(port, buildPublishData(hash, image.png), 'the avatar data');
  await publish(port, buildPublishMetadata(info), 'the avatar metadata');
  const vcard = await putVcardPhoto(port, image?.png);
  port.setOwnHash(hash);
  await port.presenceAgain();
  const what = image ? `published the avatar of ${who} (${image.width}×${image.height} PNG, ${image.png.length} bytes, SHA-1 ${hash})` : `cleared the avatar of ${who}`;
  return `${what}: on PEP (XEP-0084)${vcard === undefined ? ' and in the vCard (XEP-0153)' : `; the vCard was left as it is (${vcard})`}`;
}

async function publish(port: OwnAvatarPort, pubsub: Element, what: string): Promise<void> {
  try {
    await port.setOwn(pubsub, QUERY_TIMEOUT_MS);
  } catch (error) {
    const condition = conditionOf(error);
    if (condition) throw new Error(`${sanitizeLine(port.jid)}'s server refused ${what} (${condition}); nothing else was changed`);
    throw new Error(`could not publish ${what}: ${sanitizeLine((error as Error).message ?? String(error))}`);
  }
}

/** The vCard with the new PHOTO (or none); undefined when done, else why not (the PEP avatar stands either way). */
async function putVcardPhoto(port: Pick<AskPort, 'ask'> & OwnVcardPort, png: Buffer | undefined): Promise<string | undefined> {
  let current: Element | undefined;
  try {
    current = await port.ask(buildVcardQuery(), port.jid, QUERY_TIMEOUT_MS);
  } catch (error) {
    if (conditionOf(error) !== 'item-not-found') return `it could not be read: ${sanitizeLine((error as Error).message ?? String(error))}`;
  }
  try {
    await port.setOwn(withPhoto(current, png && { type: 'image/png', bytes: png }), QUERY_TIMEOUT_MS);
    return undefined;
  } catch (error) {
    return `the server refused it: ${conditionOf(error) ?? sanitizeLine((error as Error).message ?? String(error))}`;
  }
}
