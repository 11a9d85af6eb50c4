import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import xml, { type Element } from '@xmpp/xml';
import { NS_OOB } from '../messages/ns.js';
import { putFile } from './put-file.js';
import { findUploadService, requestSlot, UploadError, type IqPort } from './slot.js';


/**
 * HTTP File Upload (XEP-0363), start to end: finds the server's upload service, checks the
 * size it allows, asks for a slot, PUTs the file and returns the address to share.
 */
export async function uploadFile(port: IqPort, domain: string, path: string, options: { caPem?: string[] } = {}): Promise<string> {
  const info = await readableFile(path);
  const service = await findUploadService(port, domain);
  if (!service) throw new UploadError(`${domain} offers no HTTP upload service (XEP-0363)`);
  if (service.maxSize !== undefined && info.size > service.maxSize) {
    throw new UploadError(`${basename(path)} is ${info.size} bytes; ${service.jid} takes files up to ${service.maxSize} bytes`);
  }
  // mime-types carries the whole MIME database: loaded when a file is first sent, not at start.
  const { lookup } = await import('mime-types');
  const file = { path, name: basename(path), size: info.size, contentType: lookup(path) || 'application/octet-stream' };
  const slot = await requestSlot(port, service.jid, file);
  await putFile(slot, file, options);
  return slot.get;
}

/** XEP-0066 §4 (as XEP-0363 §6 advises): the link in the body and as out-of-band data, so clients show the file inline. */
export function buildOutOfBand(url: string): Element {
  return xml('x', { xmlns: NS_OOB }, xml('url', {}, url));
}

/** The file's size, or an UploadError saying why `path` can not be uploaded. */
export async function readableFile(path: string): Promise<{ size: number }> {
  const info = await stat(path).catch((error: unknown) => {
    throw new UploadError(`can not read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((error as Error).message)}`);
  });
  if (!info.isFile()) throw new UploadError(`${path} is not a file`);
  return { size: info.size };
}
