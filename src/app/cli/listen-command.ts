import type { ConfigStore } from '../../config/load-config.js';
import type { SecretStore } from '../../credentials/secret-store.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import type { MessageHistory } from '../../history/message-history.js';
import { messagesFeature } from '../../xmpp/features/messages/feature.js';
import type { AccountChoice } from './cli.js';
import { ExitCode } from './exit-codes.js';
import { chooseAccount, loginOnce, OneShotError } from './one-shot.js';
import { terminalSafeJson } from './search-command.js';

/**
 * `natter listen [JID...]`: prints each incoming chat message as one line ("JID: text",
 * sanitized, newlines as spaces) or a JSON object per line, until SIGINT/SIGTERM. Messages
 * are stored in the history like in the chat screen, and each is printed once.
 */
export async function runListen(
  request: { peers: string[]; json: boolean; from: AccountChoice },
  config: ConfigStore,
  keychain: readonly SecretStore[],
  history: MessageHistory,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  try {
    const settings = chooseAccount(config, request.from);
    const client = await loginOnce(settings, keychain, { presence: true });
    const wanted = new Set(request.peers);
    // On stderr, so stdout stays the messages only; scripts can wait for this line.
    process.stderr.write(`natter: listening as ${settings.jid}${wanted.size ? ` for ${[...wanted].join(', ')}` : ''}; Ctrl-C stops.\n`);
    messagesFeature(client, {
      onMessage(m) {
        if (m.direction !== 'in' || (wanted.size > 0 && !wanted.has(m.peer))) return;
        const stored = history.add({
          account: settings.jid, peer: m.peer, direction: 'in', sender: m.fullJid ?? m.peer, body: m.body, at: m.at,
          ...(m.originId ? { originId: m.originId } : {}), ...(m.stanzaId ? { stanzaId: m.stanzaId } : {}), ...(m.id ? { messageId: m.id } : {}),
        });
        if (stored.duplicate) return;
        out.write(request.json
          ? `${terminalSafeJson({ from: m.fullJid ?? m.peer, peer: m.peer, at: new Date(m.at).toISOString(), body: m.body })}\n`
          : `${sanitizeLine(m.peer)}: ${sanitizeLine(joinLines(m.body))}\n`);
      },
    }, { ownJid: () => settings.jid });
    await new Promise<void>((resolve) => {
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve());
      client.on('disconnect', () => resolve());
    });
    await client.shutdown();
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof OneShotError)) throw error;
    process.stderr.write(`natter: ${error.message}\n`);
    return error.code;
  }
}

/**
 * One line of a multi-line body: each run of white space that holds a line break becomes one
 * space ("a  \n  b" → "a b"); other white space stays. Matching whole runs keeps this linear:
 * the pattern `\s*\n\s*` is retried from every space of a long run without a line break, which
 * is quadratic (one message of 65,536 spaces took seconds of CPU).
 */
export function joinLines(body: string): string {
  return body.replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run));
}
