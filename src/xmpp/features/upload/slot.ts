import xml, { type Element } from '@xmpp/xml';
import { NS_DISCO_INFO } from '../disco/entity.js';

export const NS_UPLOAD = 'urn:xmpp:http:upload:0';
const NS_DISCO_ITEMS = 'http://jabber.org/protocol/disco#items';
const NS_DATA = 'jabber:x:data';

/** The part of the session this feature uses: IQs, answered with the query child. */
export interface IqPort {
  iqCaller: {
    get(payload: Element, to?: string, timeout?: number): Promise<Element | undefined>;
    request(stanza: Element, timeout?: number): Promise<Element>;
  };
}

export interface UploadService {
  jid: string;
  /** XEP-0363 §3: the largest file the service takes, when it says. */
  maxSize?: number;
}

export interface UploadSlot {
  put: string;
  get: string;
  /** Only the headers XEP-0363 §5 allows the client to pass on. */
  headers: Record<string, string>;
}

export class UploadError extends Error {
  override name = 'UploadError';
}

/**
 * XEP-0363 §3: the service is one of the server's disco#items whose disco#info has the
 * upload feature (the server itself may be it, too).
 */
export async function findUploadService(port: IqPort, domain: string): Promise<UploadService | undefined> {
  const items = await port.iqCaller.get(xml('query', { xmlns: NS_DISCO_ITEMS }), domain);
  const candidates = [domain, ...(items?.getChildren('item') ?? []).map((i) => i.attrs.jid).filter((j): j is string => typeof j === 'string' && j !== domain)];
  for (const jid of candidates) {
    const info = await port.iqCaller.get(xml('query', { xmlns: NS_DISCO_INFO }), jid).catch(() => undefined);
    if (!info?.getChildren('feature').some((f) => f.attrs.var === NS_UPLOAD)) continue;
    return { jid, ...maxSizeOf(info) };
  }
  return undefined;
}

function maxSizeOf(info: Element): { maxSize?: number } {
  for (const form of info.getChildren('x', NS_DATA)) {
    const fields = form.getChildren('field');
    if (fields.find((f) => f.attrs.var === 'FORM_TYPE')?.getChildText('value') !== NS_UPLOAD) continue;
    const size = Number(fields.find((f) => f.attrs.var === 'max-file-size')?.getChildText('value'));
    if (Number.isSafeInteger(size) && size > 0) return { maxSize: size };
  }
  return {};
}

/** XEP-0363 §4: asks for a slot; the service answers with where to PUT and where it will be. */
export async function requestSlot(port: IqPort, service: string, file: { name: string; size: number; contentType: string }): Promise<UploadSlot> {
  const request = xml('request', { xmlns: NS_UPLOAD, filename: file.name, size: String(file.size), 'content-type': file.contentType });
  // The answer is a <slot/>, not the <request/> asked with, so it is read off the whole IQ.
  const answer = await port.iqCaller.request(xml('iq', { type: 'get', to: service }, request)).catch((error: unknown) => {
    const condition = (error as { condition?: string }).condition;
    const text = (error as { text?: string }).text;
    throw new UploadError(`the upload service refused the file${condition ? ` (${condition}${text ? `: ${text}` : ''})` : ''}`);
  });
  const slot = answer.getChild('slot', NS_UPLOAD);
  if (!slot) throw new UploadError('the upload service answered without a slot');
  return parseSlot(slot);
}

const ALLOWED_HEADERS = ['authorization', 'cookie', 'expires'];

/** XEP-0363 §5: HTTPS URLs only; headers other than the three allowed are dropped, newlines never pass. */
export function parseSlot(slot: Element): UploadSlot {
  const put = slot.getChild('put');
  const putUrl = put?.attrs.url;
  const getUrl = slot.getChild('get')?.attrs.url;
  if (typeof putUrl !== 'string' || typeof getUrl !== 'string') throw new UploadError('the upload service sent a slot without put and get URLs');
  for (const url of [putUrl, getUrl]) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UploadError(`the upload service sent an invalid URL: ${url.slice(0, 200)}`);
    }
    if (parsed.protocol !== 'https:') throw new UploadError(`the upload service offered ${parsed.protocol.replace(':', '')}, not https; natter uploads over TLS only`);
  }
  const headers: Record<string, string> = {};
  for (const header of put?.getChildren('header') ?? []) {
    const name = String(header.attrs.name ?? '').toLowerCase();
    const value = header.text().replace(/[\r\n]/g, '');
    if (ALLOWED_HEADERS.includes(name)) headers[name] = value;
  }
  return { put: putUrl, get: getUrl, headers };
}
