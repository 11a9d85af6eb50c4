import xml, { type Element } from '@xmpp/xml';
import { cutText } from '../../../domain/body-limit.js';

/** XEP-0012 Last Activity. */
export const NS_LAST = 'jabber:iq:last';
/** A status text in an answer (a contact's last words on leaving) is one line in the console: cut to this. */
export const MAX_LAST_STATUS_CHARS = 200;

/** XEP-0012 §3: the query, an empty <query/> in an IQ get. */
export function buildLastQuery(): Element {
  return xml('query', { xmlns: NS_LAST });
}

/**
 * XEP-0012 §4: a client "MUST respond with the number of seconds since the user's last
 * activity (e.g., since the last time the user pressed a key or moved a mouse)".
 */
export function buildLastAnswer(seconds: number): Element {
  return xml('query', { xmlns: NS_LAST, seconds: String(Math.max(0, Math.floor(seconds))) });
}

export type LastActivity = { ok: true; seconds: number; status?: string } | { ok: false; reason: string };

/** An answer's payload: whole seconds (a bound keeps a hostile number sane) and the optional text. */
export function parseLast(payload: Element | undefined): LastActivity {
  if (!payload?.is('query', NS_LAST)) return { ok: false, reason: 'no <query/> in the answer' };
  const written = String(payload.attrs.seconds ?? '');
  if (!/^\d{1,12}$/.test(written)) return { ok: false, reason: 'seconds that are not a whole number' };
  const status = payload.getText().trim();
  return { ok: true, seconds: Number(written), ...(status ? { status: cutText(status, MAX_LAST_STATUS_CHARS) } : {}) };
}
