import type { Element } from '@xmpp/xml';
import { DEFAULT_PRESENCE, type OwnPresence, type OwnShow } from '../../domain/own-presence.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import type { Store } from '../../store/create-store.js';
import { buildVisibility, offersInvisibility } from '../../xmpp/features/invisible/invisible.js';
import { buildInitialPresence } from '../../xmpp/features/presence/build.js';

/** What the account's own presence needs of a session. */
export interface PresenceSessionPort {
  /** The session is logged in and may send. */
  isReady(): boolean;
  send(stanza: Element): Promise<void>;
  /** An IQ-set to the own server; rejects with its error. */
  set(iq: Element): Promise<unknown>;
  /** The own server's disco#info (XEP-0030), its query payload. */
  serverInfo(): Promise<Element | undefined>;
}

/**
 * What the server shows of this session: `visible` (presence broadcast as usual), `invisible`
 * (XEP-0186 in effect) or `withheld` (invisibility was wanted but could not be set again on a
 * new session: natter sent no presence at all rather than show the user).
 */
type Seen = 'visible' | 'invisible' | 'withheld';

export interface OwnPresenceDeps {
  store: Store;
  consoleLine(kind: 'info' | 'error', text: string): void;
  /** The presence restored at start (config), if any. */
  initial?: OwnPresence | undefined;
  /** The user chose a presence: kept for the next start. */
  remember?(presence: OwnPresence): void;
}

/**
 * The presence the user chose for one account, and what makes it true on each session: it
 * outlives sessions. A fresh session gets it as its initial presence (after the invisible
 * command when the user is invisible: XEP-0186 §2 "Invisible mode is active only for the
 * current session"); a resumed session keeps what the server held (XEP-0198 resumes the
 * session, presence included) and gets only a change made while the link was down.
 */
export function ownPresence(account: string, deps: OwnPresenceDeps) {
  const { store, consoleLine } = deps;
  let wanted: OwnPresence = deps.initial ?? DEFAULT_PRESENCE;
  let wantInvisible = false;
  let port: PresenceSessionPort | undefined;
  let seen: Seen = 'visible';
  /** The presence the current session was last sent (undefined: none yet). */
  let sent: OwnPresence | undefined;
  /** Whether the server offers invisibility: true, or why not (asked once a session). */
  let serverOffers: Promise<true | string> | undefined;

  const show = (): void =>
    store.dispatch({ type: 'presence/own', account, presence: { ...wanted, invisible: port?.isReady() ? seen !== 'visible' : wantInvisible } });
  if (deps.initial) show();

  const live = (): PresenceSessionPort | undefined => (port?.isReady() ? port : undefined);
  const sendWanted = async (on: PresenceSessionPort): Promise<void> => {
    const presence = wanted;
    await on.send(buildInitialPresence(presence));
    sent = presence;
  };
  const offered = (on: PresenceSessionPort): Promise<true | string> => {
    // XEP-0186 §4: the server's disco#info says; the answer does not change while a session lasts.
    const server = domainOf(account);
    serverOffers ??= on.serverInfo().then(
      (info) => offersInvisibility(info) || `${server} does not offer invisibility (XEP-0186)`,
      (error: unknown) => `could not learn whether ${server} offers invisibility (${reasonOf(error)})`,
    );
    return serverOffers;
  };

  /** XEP-0186 §3.1: the server makes this session invisible; or why it did not. */
  const hide = async (on: PresenceSessionPort): Promise<string | undefined> => {
    const offers = await offered(on);
    if (offers !== true) return offers;
    return on.set(buildVisibility(true)).then(
      () => undefined,
      (error: unknown) => `${domainOf(account)} refused to make ${account} invisible (${reasonOf(error)})`,
    );
  };

  return {
    current: (): OwnPresence => wanted,
    /** A fresh session: invisible first when wanted, then the chosen presence as initial presence. */
    async sessionStarted(on: PresenceSessionPort): Promise<void> {
      port = on;
      sent = undefined;
      serverOffers = undefined;
      seen = 'visible';
      const refused = wantInvisible ? await hide(on) : undefined;
      if (refused !== undefined) {
        // Initial presence now would show the user to every contact: none is sent.
        seen = 'withheld';
        show();
        consoleLine('error', `${refused}: natter sent no presence, so contacts do not see you (nor you them); /visible to show yourself`);
        return;
      }
      if (wantInvisible) seen = 'invisible';
      show();
      await sendWanted(on).catch(() => undefined);
    },
    /** A resumed session: what changed while the link was down is sent now. */
    async sessionResumed(): Promise<void> {
      // Told as xmpp.js resumes, before it calls the session ready again: the session's port is
      // usable (the outbox sends its queue at the same point), isReady() not true yet.
      const on = port;
      if (on && seen !== 'withheld' && !samePresence(sent, wanted)) await sendWanted(on).catch(() => undefined);
      show();
    },
    /** The user chose `change`: sent now when online; 'later' when it will be at the next login; 'withheld' while hidden. */
    async set(change: { show: OwnShow; status: string } | { priority: number }): Promise<'sent' | 'later' | 'withheld'> {
      wanted = 'priority' in change
        ? { ...wanted, priority: change.priority }
        : { show: change.show, priority: wanted.priority, ...(change.status ? { status: change.status } : {}) };
      deps.remember?.(wanted);
      show();
      const on = live();
      if (!on) return 'later';
      if (seen === 'withheld') return 'withheld';
      // A link that drops as it is written: the next session (or resumption) sends it.
      return sendWanted(on).then(() => 'sent' as const, () => 'later' as const);
    },
    invisible: (): boolean => wantInvisible,
    /**
     * /invisible and /visible. Going invisible needs the server (XEP-0186): where it does not
     * offer it, or refuses, this throws and nothing changes. Going visible sends the presence
     * again (§3.2: "it is the responsibility of the client to send an undirected available
     * presence notification").
     */
    async setInvisible(invisible: boolean): Promise<'done' | 'already' | 'later'> {
      const on = live();
      if (invisible) {
        if (!on) throw new Error(`${account} is offline; /invisible once it is connected (natter asks the server whether it offers invisibility)`);
        if (seen !== 'visible') return 'already';
        const refused = await hide(on);
        if (refused !== undefined) throw new Error(`${refused}; nothing was changed: contacts still see your presence`);
        wantInvisible = true;
        seen = 'invisible';
        show();
        return 'done';
      }
      if (!wantInvisible) return 'already';
      if (on && seen === 'invisible') {
        await on.set(buildVisibility(false)).catch((error: unknown) => {
          throw new Error(`${domainOf(account)} refused to make ${account} visible (${reasonOf(error)}); you stay invisible`);
        });
      }
      wantInvisible = false;
      seen = 'visible';
      show();
      if (!on) return 'later';
      await sendWanted(on);
      return 'done';
    },
  };
}

export type OwnPresenceControl = ReturnType<typeof ownPresence>;

const samePresence = (a: OwnPresence | undefined, b: OwnPresence): boolean =>
  a !== undefined && a.show === b.show && a.status === b.status && a.priority === b.priority;

const domainOf = (jid: string): string => jid.slice(jid.indexOf('@') + 1);

/** A server's error condition, or the error's message; inert either way. */
function reasonOf(error: unknown): string {
  const condition = (error as { condition?: unknown } | undefined)?.condition;
  if (typeof condition === 'string') return sanitizeLine(condition).slice(0, 100);
  return sanitizeLine(error instanceof Error ? error.message : String(error)).slice(0, 300);
}
