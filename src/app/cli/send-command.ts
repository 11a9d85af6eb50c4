import { createInterface } from 'node:readline';
import { readFile } from 'node:fs/promises';
import xml, { type Element } from '@xmpp/xml';
import { bareJid } from '../../domain/jid.js';
import type { ConfigStore } from '../../config/load-config.js';
import type { SecretStore } from '../../credentials/secret-store.js';
import type { MessageHistory } from '../../history/message-history.js';
import { messagesFeature } from '../../xmpp/features/messages/feature.js';
import { buildOutOfBand, readableFile, uploadFile } from '../../xmpp/features/upload/upload.js';
import type { XmppClient } from '../../xmpp/session/create-client.js';
import type { AccountChoice } from './cli.js';
import { ExitCode } from './exit-codes.js';
import { chooseAccount, loginOnce, OneShotError, oneShotOutbox } from './one-shot.js';
import { roomSender } from './send-room.js';
import { terminalSafeJson } from './search-command.js';

export interface SendRequest {
  to: string;
  text?: string;
  /** `to` is a room (XEP-0045): joined, spoken in, left. */
  room?: true;
  /** A file to upload (XEP-0363); its link is sent after the text, if any. */
  file?: string;
  follow: boolean;
  json: boolean;
  from: AccountChoice;
}

interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

const ACK_TIMEOUT_MS = 15_000;

/**
 * `natter send`: logs in, sends, waits until the server has acknowledged the message
 * (XEP-0198) or refused it, and exits: 0 sent, 1 refused, 2 usage, 3 authentication,
 * 4 network/TLS. Stdout carries only the --json result; messages go to stderr.
 */
export async function runSend(request: SendRequest, config: ConfigStore, keychain: readonly SecretStore[], history: MessageHistory, io: Io = { stdin: process.stdin, out: process.stdout, err: process.stderr }): Promise<number> {
  const report = (result: { ok: boolean; code: number; error?: string; id?: string; url?: string }): number => {
    if (request.json) io.out.write(`${terminalSafeJson({ to: request.to, ...result })}\n`);
    else if (result.error) io.err.write(`natter: ${result.error}\n`);
    return result.code;
  };
  let client: XmppClient | undefined;
  let room: Awaited<ReturnType<typeof roomSender>> | undefined;
  try {
    const settings = chooseAccount(config, request.from);
    if (request.file !== undefined) {
      // Checked before logging in: a wrong path is a usage error, not a network one.
      const problem = await readableFile(request.file).then(() => undefined, (error: Error) => error.message);
      if (problem) return report({ ok: false, code: ExitCode.usage, error: problem });
    }
    const text = request.follow || request.file !== undefined ? request.text : (request.text ?? (await readAll(io.stdin)));
    if (text !== undefined && text.trim() === '') return report({ ok: false, code: ExitCode.usage, error: 'nothing to send: give the text after the JID or on stdin' });
    client = await loginOnce(settings, keychain, { presence: false });
    const joined = request.room ? await roomSender(client, settings.jid, request.to, history) : undefined;
    room = joined;
    const sender = joined ? { send: (_to: string, body: string, extra?: Element[]) => joined.send(body, extra) } : messageSender(client, settings.jid, history);
    if (request.file !== undefined) {
      if (text !== undefined) await sender.send(request.to, text);
      const caPem = settings.caFile ? [await readFile(settings.caFile, 'utf8')] : undefined;
      const url = await uploadFile(client, bareJid(settings.jid).split('@')[1] ?? '', request.file, caPem ? { caPem } : {}).catch((error: unknown) => {
        throw new OneShotError(error instanceof Error ? error.message : String(error), ExitCode.failure);
      });
      const id = await sender.send(request.to, url, [buildOutOfBand(url)]);
      return report({ ok: true, code: ExitCode.ok, id, url });
    }
    if (text !== undefined) {
      const id = await sender.send(request.to, text);
      return report({ ok: true, code: ExitCode.ok, id });
    }
    // --follow: one message per stdin line, as the lines come; the first refusal ends it.
    for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      const id = await sender.send(request.to, line);
      if (request.json) io.out.write(`${terminalSafeJson({ to: request.to, ok: true, code: 0, id })}\n`);
    }
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof OneShotError) return report({ ok: false, code: error.code, error: error.message });
    throw error;
  } finally {
    await room?.leave();
    await client?.shutdown();
  }
}

/**
 * natter send's messages go through the account's outbox, as the screen's do: stored pending,
 * sent (through the same transmit steps), marked sent on the server's XEP-0198 ack (or once
 * written, without it), failed on a refusal from the recipient or its server and nobody else.
 * Here each send waits for that outcome: resolves when the server has it, rejects (exit 1)
 * when it refused it, or exit 4 when the link dropped or no ack came in time.
 */
function messageSender(client: XmppClient, account: string, history: MessageHistory) {
  const waiting = new Map<string, { sent(): void; failed(error: OneShotError): void }>();
  /** Refusals, also those that come after the ack (our own server bounces after acking). */
  const refused = new Map<string, string>();
  const outbox = oneShotOutbox(client, account, history, (id, delivery, reason) => {
    if (delivery !== 'failed') return waiting.get(id)?.sent();
    const why = (reason ?? 'refused').replace(/^not delivered: /, '');
    refused.set(id, why);
    waiting.get(id)?.failed(new OneShotError(`the server refused the message: ${why}`, ExitCode.failure));
  });
  // Read for the refusals of what it sends (RFC 6120 §8.3); nothing else natter send receives is shown.
  messagesFeature(client, { onMessage: () => undefined, onError: (error) => void outbox.refused(error) }, { ownJid: () => account });
  client.streamManagement.on('ack', (stanza) => outbox.acknowledged(typeof stanza.attrs.id === 'string' ? stanza.attrs.id : undefined));
  client.on('disconnect', () => {
    for (const w of waiting.values()) w.failed(new OneShotError('the connection dropped before the server acknowledged the message', ExitCode.network));
  });
  return {
    async send(to: string, body: string, extra: Element[] = []): Promise<string> {
      let outcome: { sent(): void; failed(error: OneShotError): void } = { sent: () => undefined, failed: () => undefined };
      const settled = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new OneShotError(`no acknowledgement from the server within ${ACK_TIMEOUT_MS / 1000} s`, ExitCode.network)), ACK_TIMEOUT_MS);
        outcome = { sent: () => (clearTimeout(timer), resolve()), failed: (e) => (clearTimeout(timer), reject(e)) };
      });
      // Sent in a later turn (the outbox awaits the write): its outcome is awaited before it can come.
      const { id } = outbox.send({ kind: 'chat', peer: to }, body, { extra });
      waiting.set(id, outcome);
      try {
        await settled;
        // A refusal by our own server (unknown local user, policy) is routed before it
        // answers a later request: one ping round trip lets such a bounce arrive first.
        await client.iqCaller.get(xml('ping', { xmlns: 'urn:xmpp:ping' })).catch(() => undefined);
        const why = refused.get(id);
        if (why !== undefined) throw new OneShotError(`the server refused the message: ${why}`, ExitCode.failure);
        return id;
      } catch (error) {
        outbox.abandon(to, id, error instanceof Error ? error.message : String(error));
        throw error;
      } finally {
        waiting.delete(id);
      }
    },
  };
}

async function readAll(input: NodeJS.ReadableStream & { isTTY?: boolean }): Promise<string> {
  if (input.isTTY) throw new OneShotError('nothing to send: give the text after the JID, or pipe it in', ExitCode.usage);
  let text = '';
  for await (const chunk of input) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}
