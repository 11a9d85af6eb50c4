import type { Element } from '@xmpp/xml';
import { sanitizeLine } from '../../domain/sanitize.js';
import { buildVisibility, offersInvisibility } from '../../xmpp/features/invisible/invisible.js';

/** What invisibility needs of a session: IQ-sets to the own server and its disco#info. */
export interface InvisibilityPort {
  set(iq: Element): Promise<unknown>;
  serverInfo(): Promise<Element | undefined>;
}

/**
 * What the server shows of this session: `visible` (presence broadcast as usual), `invisible`
 * (XEP-0186 in effect) or `withheld` (invisibility was wanted but could not be set again on a
 * new session: natter sends no presence at all rather than show the user).
 */
export type Seen = 'visible' | 'invisible' | 'withheld';

/**
 * XEP-0186 for one account: whether the user wants to be invisible, and what the server made
 * of it on the current session. It never falls back to anything that hides less.
 */
export function invisibility(account: string) {
  const server = account.slice(account.indexOf('@') + 1);
  let wanted = false;
  let seen: Seen = 'visible';
  /** Whether the server offers invisibility: true, or why not (asked once a session). */
  let serverOffers: Promise<true | string> | undefined;

  const offered = (on: InvisibilityPort): Promise<true | string> => {
    // XEP-0186 §4: the server's disco#info says; the answer does not change while a session lasts.
    serverOffers ??= on.serverInfo().then(
      (info) => offersInvisibility(info) || `${server} does not offer invisibility (XEP-0186)`,
      (error: unknown) => `could not learn whether ${server} offers invisibility (${reasonOf(error)})`,
    );
    return serverOffers;
  };
  /** XEP-0186 §3.1: the server makes this session invisible; or why it did not. */
  const goInvisible = async (on: InvisibilityPort): Promise<string | undefined> => {
    const offers = await offered(on);
    if (offers !== true) return offers;
    return on.set(buildVisibility(true)).then(
      () => undefined,
      (error: unknown) => `${server} refused to make ${account} invisible (${reasonOf(error)})`,
    );
  };

  return {
    wanted: (): boolean => wanted,
    seen: (): Seen => seen,
    /**
     * A fresh session: invisible again when wanted (XEP-0186 §2: "Invisible mode is active only
     * for the current session"), before any presence; why not when it could not be.
     */
    async sessionStarted(on: InvisibilityPort): Promise<string | undefined> {
      serverOffers = undefined;
      // Until the server has answered, a presence (a /status typed meanwhile) would show the
      // user: it is withheld, and sent once the session is invisible.
      seen = wanted ? 'withheld' : 'visible';
      if (!wanted) return undefined;
      const refused = await goInvisible(on);
      seen = refused === undefined ? 'invisible' : 'withheld';
      return refused;
    },
    /** /invisible on a live session: throws, changing nothing, where the server does not offer it or refuses. */
    async hide(on: InvisibilityPort): Promise<'done' | 'already'> {
      if (seen !== 'visible') return 'already';
      const refused = await goInvisible(on);
      if (refused !== undefined) throw new Error(`${refused}; nothing was changed: contacts still see your presence`);
      wanted = true;
      seen = 'invisible';
      return 'done';
    },
    /** /visible: §3.2 <visible/> when the server holds the session invisible; the caller then sends presence. */
    async reveal(on: InvisibilityPort | undefined): Promise<'done' | 'already'> {
      if (!wanted) return 'already';
      if (on && seen === 'invisible') {
        await on.set(buildVisibility(false)).catch((error: unknown) => {
          throw new Error(`${server} refused to make ${account} visible (${reasonOf(error)}); you stay invisible`);
        });
      }
      wanted = false;
      seen = 'visible';
      return 'done';
    },
  };
}

/** A server's error condition, or the error's message; inert either way. */
function reasonOf(error: unknown): string {
  const condition = (error as { condition?: unknown } | undefined)?.condition;
  if (typeof condition === 'string') return sanitizeLine(condition).slice(0, 100);
  return sanitizeLine(error instanceof Error ? error.message : String(error)).slice(0, 300);
}
