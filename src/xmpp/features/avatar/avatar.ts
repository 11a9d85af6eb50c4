import xml, { type Element } from '@xmpp/xml';

/** XEP-0084 §2: the two PEP nodes of a user avatar, and the +notify feature that asks for metadata notifications. */
export const NS_AVATAR_DATA = 'urn:xmpp:avatar:data';
export const NS_AVATAR_METADATA = 'urn:xmpp:avatar:metadata';
export const NS_AVATAR_METADATA_NOTIFY = `${NS_AVATAR_METADATA}+notify`;
const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const NS_PUBSUB_EVENT = 'http://jabber.org/protocol/pubsub#event';

/** The most image bytes natter takes from anyone (XEP-0084 §7: "the image data SHOULD be less than 8 KB", real ones are larger; 256 KiB is generous). */
export const MAX_AVATAR_BYTES = 256 * 1024;
/** Base64 of MAX_AVATAR_BYTES, plus room for line breaks: a longer text is refused before it is decoded. */
const MAX_BASE64_CHARS = Math.ceil(MAX_AVATAR_BYTES / 3) * 4 + 8 * 1024;

/**
 * XEP-0084 §4.2: "the id attribute … MUST be the SHA-1 hash of the image data" in hex. Only a
 * hash in this form ever names a cached file: 40 lowercase hex digits, nothing else.
 */
export function validHash(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  const lower = id.toLowerCase();
  return /^[0-9a-f]{40}$/.test(lower) ? lower : undefined;
}

/** What a metadata item says: an image's hash and its type and size as announced (not trusted: the bytes are checked). */
export interface AvatarInfo {
  id: string;
  type: string;
  bytes: number;
  width?: number;
  height?: number;
}

/** A metadata item read: an avatar, none (XEP-0084 §4.5: "an empty <metadata/> element" disables it), or why it can not be read. */
export type MetadataParse = { ok: true; info: AvatarInfo | undefined } | { ok: false; reason: string };

/** XEP-0084 §4.3 / XEP-0060 §6.5.7: the latest metadata item of an account. */
export function buildMetadataQuery(): Element {
  return xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: NS_AVATAR_METADATA, max_items: '1' }));
}

/** XEP-0084 §4.3: "the subscriber … retrieves the data by requesting the item whose ItemID matches the id". */
export function buildDataQuery(id: string): Element {
  return xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: NS_AVATAR_DATA }, xml('item', { id })));
}

/** The <metadata/> of a pubsub answer (pubsub > items > item > metadata); no item is no avatar. */
export function parseMetadataAnswer(pubsub: Element | undefined): MetadataParse {
  if (!pubsub || !pubsub.is('pubsub', NS_PUBSUB)) return { ok: false, reason: 'no <pubsub/> in the answer' };
  const item = pubsub.getChild('items')?.getChild('item');
  return item ? readMetadata(item) : { ok: true, info: undefined };
}

/**
 * One metadata item. §4.2: several <info/> may name the same image in other types; natter
 * takes the first PNG (which §4.2 requires: "at least one … MUST … be image/png"), else the first JPEG.
 */
export function readMetadata(item: Element): MetadataParse {
  const metadata = item.getChild('metadata', NS_AVATAR_METADATA);
  if (!metadata) return { ok: false, reason: 'no <metadata/> in the item' };
  const infos = metadata.getChildren('info').slice(0, 16);
  if (infos.length === 0) return { ok: true, info: undefined };
  const chosen = infos.find((i) => i.attrs.type === 'image/png') ?? infos.find((i) => i.attrs.type === 'image/jpeg');
  if (!chosen) return { ok: false, reason: 'the avatar is in a type natter does not draw (neither PNG nor JPEG)' };
  const id = validHash(chosen.attrs.id as string | undefined);
  if (!id) return { ok: false, reason: 'the avatar id is not a SHA-1 hash' };
  if (chosen.attrs.url !== undefined && chosen.attrs.type !== 'image/png') return { ok: false, reason: 'the avatar is kept elsewhere (url), not in its data node' };
  return { ok: true, info: { id, type: chosen.attrs.type as string, bytes: dimension(chosen.attrs.bytes) ?? 0, ...optional('width', chosen.attrs.width), ...optional('height', chosen.attrs.height) } };
}

const dimension = (value: unknown): number | undefined => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined);
const optional = (name: 'width' | 'height', value: unknown): Partial<AvatarInfo> => {
  const n = dimension(value);
  return n === undefined ? {} : { [name]: n };
};

/** The image bytes of a data answer, or why there are none. */
export type DataParse = { ok: true; bytes: Buffer } | { ok: false; reason: string };

/**
 * The <data/> of a data answer, as bytes: its base64 is refused when longer than
 * MAX_AVATAR_BYTES would need (before anything is decoded) or when it is not base64.
 */
export function parseDataAnswer(pubsub: Element | undefined): DataParse {
  if (!pubsub || !pubsub.is('pubsub', NS_PUBSUB)) return { ok: false, reason: 'no <pubsub/> in the answer' };
  const data = pubsub.getChild('items')?.getChild('item')?.getChild('data', NS_AVATAR_DATA);
  if (!data) return { ok: false, reason: 'the avatar data item is not there' };
  return decodeBase64(data.getText());
}

/** Base64 text (XEP-0084 §4.1; the BINVAL of XEP-0153) to bytes, bounded to MAX_AVATAR_BYTES before it is decoded. */
export function decodeBase64(text: string): DataParse {
  if (text.length > MAX_BASE64_CHARS) return { ok: false, reason: `the image is larger than natter takes (${MAX_AVATAR_BYTES / 1024} KiB)` };
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 === 1) return { ok: false, reason: 'the image data is not base64' };
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length > MAX_AVATAR_BYTES) return { ok: false, reason: `the image is larger than natter takes (${MAX_AVATAR_BYTES / 1024} KiB)` };
  return { ok: true, bytes };
}

/** XEP-0084 §4.1: the data item, its id the SHA-1 of the bytes. */
export function buildPublishData(id: string, bytes: Buffer): Element {
  return xml('pubsub', { xmlns: NS_PUBSUB },
    xml('publish', { node: NS_AVATAR_DATA }, xml('item', { id }, xml('data', { xmlns: NS_AVATAR_DATA }, bytes.toString('base64')))),
    publishOptions());
}

/** XEP-0084 §4.2: the metadata item, the same id; with no info (§4.5) the avatar is cleared. */
export function buildPublishMetadata(info: AvatarInfo | undefined): Element {
  const infoElement = info && xml('info', { id: info.id, type: info.type, bytes: String(info.bytes), ...(info.width === undefined ? {} : { width: String(info.width), height: String(info.height) }) });
  return xml('pubsub', { xmlns: NS_PUBSUB },
    xml('publish', { node: NS_AVATAR_METADATA }, xml('item', { id: info?.id ?? 'current' }, xml('metadata', { xmlns: NS_AVATAR_METADATA }, ...(infoElement ? [infoElement] : [])))),
    publishOptions());
}

/**
 * XEP-0060 §7.1.5 publish-options: the avatar nodes open to anyone (XEP-0084 §5: "the access
 * model … SHOULD be open"), so a stranger's client can show it too, as it can in Conversations.
 */
function publishOptions(): Element {
  return xml('publish-options', {}, xml('x', { xmlns: 'jabber:x:data', type: 'submit' },
    xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, 'http://jabber.org/protocol/pubsub#publish-options')),
    xml('field', { var: 'pubsub#access_model' }, xml('value', {}, 'open'))));
}

/** A metadata notification (XEP-0084 §4.3, a PEP event in a message): whose avatar changed, to which hash (undefined: cleared). */
export function parseMetadataEvent(message: Element): { from: string; id: string | undefined } | undefined {
  const items = message.getChild('event', NS_PUBSUB_EVENT)?.getChild('items');
  const from = message.attrs.from as string | undefined;
  if (!items || items.attrs.node !== NS_AVATAR_METADATA || !from) return undefined;
  const item = items.getChildren('item').at(-1);
  if (!item) return undefined;
  const read = readMetadata(item);
  return read.ok ? { from, id: read.info?.id } : undefined;
}

/** XEP-0153 §3.1: the photo hash a presence carries: a hash, '' (no avatar), or undefined (it says nothing). */
export function parsePhotoUpdate(presence: Element): string | undefined {
  const photo = presence.getChild('x', 'vcard-temp:x:update')?.getChild('photo');
  if (!photo) return undefined;
  const text = photo.getText().trim();
  return text === '' ? '' : validHash(text);
}

/** XEP-0153 §4.1: "the user's client MUST include … the hash" in every presence it broadcasts. */
export function buildPhotoUpdate(hash: string): Element {
  return xml('x', { xmlns: 'vcard-temp:x:update' }, xml('photo', {}, hash));
}
