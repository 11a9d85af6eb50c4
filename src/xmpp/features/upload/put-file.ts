import { createReadStream } from 'node:fs';
import { request } from 'node:https';
import { rootCertificates } from 'node:tls';
import { pipeline } from 'node:stream/promises';
import { UploadError, type UploadSlot } from './slot.js';

/**
 * XEP-0363 §5: PUT the file to the slot's URL with its size and type, then the GET URL is
 * the file's address. Written on node:https rather than fetch: the account's private CA
 * (caPem) must apply to this request only, as it does to the XMPP connection, and the
 * built-in fetch takes a CA only process-wide.
 */
export async function putFile(
  slot: UploadSlot,
  file: { path: string; size: number; contentType: string },
  options: { caPem?: string[]; timeoutMs?: number } = {},
): Promise<void> {
  const url = new URL(slot.put);
  const timeoutMs = options.timeoutMs ?? 120_000;
  await new Promise<void>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'PUT',
        headers: { ...slot.headers, 'content-length': String(file.size), 'content-type': file.contentType },
        ...(options.caPem ? { ca: [...rootCertificates, ...options.caPem] } : {}),
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) res.on('end', resolve);
        else reject(new UploadError(`the upload server answered HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`));
      },
    );
    req.on('timeout', () => req.destroy(new UploadError(`the upload to ${url.host} made no progress for ${timeoutMs / 1000} s`)));
    req.on('error', (error) => reject(error instanceof UploadError ? error : new UploadError(`could not upload to ${url.host}: ${error.message}`)));
    pipeline(createReadStream(file.path), req).catch((error: unknown) => {
      req.destroy();
      reject(error instanceof UploadError ? error : new UploadError(`could not read ${file.path}: ${error instanceof Error ? error.message : String(error)}`));
    });
  });
}
