import type { Element } from '@xmpp/xml';
import { DEFAULT_PRESENCE, type OwnPresence, type OwnShow } from '../../domain/own-presence.js';
import type { Store } from '../../store/create-store.js';
import { buildInitialPresence } from '../../xmpp/features/presence/build.js';
import type { Caps } from '../../xmpp/features/disco/caps.js';
import { invisibility, type InvisibilityPort } from './invisibility.js';

/** What the account's own presence needs of a session. */
export interface PresenceSessionPort extends InvisibilityPort {
  /** The session is logged in and may send. */
  isReady(): boolean;
  send(stanza: Element): Promise<void>;
  /** The session's caps (XEP-0115), carried by every available presence. */
  caps(): Caps;
}

export interface OwnPresenceDeps {
  store: Store;
  consoleLine(kind: 'info' | 'error', text: string): void;
  /** The presence restored at start (config), if any. */
  initial?: OwnPresence | undefined;
  /** The user chose a presence: kept for the next start. */
  remember?(presence: OwnPresence): void;
  /** Our occupant JIDs (room/nick) in the rooms joined now: they get each change too. */
  occupants?(): string[];
}

/**
 * The presence the user chose for one account, and what makes it true on each session: it
 * outlives sessions. A fresh session gets it as its initial presence (after the invisible
 * command when the user is invisible: invisibility.ts); a resumed session keeps what the
 * server held (XEP-0198 resumes the session, presence included) and gets only a change made
 * while the link was down. Auto-away (idle) is sent over a plain available presence.
 */
export function ownPresence(account: string, deps: OwnPresenceDeps) {
  const { store, consoleLine } = deps;
  let wanted: OwnPresence = deps.initial ?? DEFAULT_PRESENCE;
  /** Set while the user is away from the keyboard (auto-away): sent instead of `wanted`. */
  let idle: IdleAway | undefined;
  const hidden = invisibility(account);
  let port: PresenceSessionPort | undefined;
  /** The presence the current session was last sent (undefined: none yet). */
  let sent: SentPresence | undefined;

  /** What is to be sent: the user's choice, or auto-away over a plain available one. */
  const effective = (): SentPresence => {
    if (!idle || !AUTO_OVER[idle.show].includes(wanted.show)) return wanted;
    const status = idle.message || wanted.status;
    return { show: idle.show, priority: wanted.priority, ...(status ? { status } : {}), idleSince: idle.since };
  };
  const show = (): void => {
    const { idleSince, ...now } = effective();
    const invisible = port?.isReady() ? hidden.seen() !== 'visible' : hidden.wanted();
    store.dispatch({ type: 'presence/own', account, presence: { ...now, invisible, ...(idleSince === undefined ? {} : { auto: true }) } });
  };
  if (deps.initial) show();

  const live = (): PresenceSessionPort | undefined => (port?.isReady() ? port : undefined);
  const sendCurrent = async (on: PresenceSessionPort): Promise<void> => {
    const presence = effective();
    await on.send(buildInitialPresence(on.caps(), presence, presence.idleSince));
    sent = presence;
    // XEP-0045 §7.7: "an occupant can change its availability status within the room by sending
    // the updated presence to <room@service/nick>" (a room hears no undirected presence).
    for (const to of deps.occupants?.() ?? []) {
      const directed = buildInitialPresence(on.caps(), presence, presence.idleSince);
      directed.attrs.to = to;
      await on.send(directed);
    }
  };

  return {
    current: (): OwnPresence => wanted,
    /** A fresh session: invisible first when wanted, then the chosen presence as initial presence. */
    async sessionStarted(on: PresenceSessionPort): Promise<void> {
      port = on;
      sent = undefined;
      const refused = await hidden.sessionStarted(on);
      if (refused !== undefined) {
        // Initial presence now would show the user to every contact: none is sent.
        show();
        consoleLine('error', `${refused}: natter sent no presence, so contacts do not see you (nor you them); /visible to show yourself`);
        return;
      }
      show();
      await sendCurrent(on).catch(() => undefined);
    },
    /** The link dropped: what is chosen meanwhile waits for the next session (or the resumed one). */
    sessionEnded(): void {
      port = undefined;
    },
    /** A resumed session: what changed while the link was down is sent now. */
    async sessionResumed(on: PresenceSessionPort): Promise<void> {
      // Told as xmpp.js resumes, before it calls the session ready again: the port is usable
      // (the outbox sends its queue at the same point), isReady() not true yet.
      port = on;
      if (hidden.seen() !== 'withheld' && !samePresence(sent, effective())) await sendCurrent(on).catch(() => undefined);
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
      if (hidden.seen() === 'withheld') return 'withheld';
      // A link that drops as it is written: the next session (or resumption) sends it.
      return sendCurrent(on).then(() => 'sent' as const, () => 'later' as const);
    },
    /**
     * The user is away from the keyboard since `away.since` (auto-away, XEP-0319 idle), or back
     * (undefined): sent when it changes what contacts see.
     */
    async idle(away: IdleAway | undefined): Promise<void> {
      const before = effective();
      idle = away;
      if (samePresence(before, effective())) return;
      show();
      const on = live();
      if (on && hidden.seen() !== 'withheld') await sendCurrent(on).catch(() => undefined);
    },
    invisible: (): boolean => hidden.wanted(),
    /**
     * /invisible and /visible. Going invisible needs the server (XEP-0186): where it does not
     * offer it, or refuses, this throws and nothing changes. Going visible sends the presence
     * again (§3.2: "it is the responsibility of the client to send an undirected available
     * presence notification").
     */
    async setInvisible(invisible: boolean): Promise<'done' | 'already' | 'later'> {
      const on = live();
      if (invisible && !on) throw new Error(`${account} is offline; /invisible once it is connected (natter asks the server whether it offers invisibility)`);
      const outcome = on && invisible ? await hidden.hide(on) : await hidden.reveal(on);
      show();
      if (invisible || outcome === 'already') return outcome;
      if (!on) return 'later';
      await sendCurrent(on).catch(() => undefined);
      return 'done';
    },
  };
}

export type OwnPresenceControl = ReturnType<typeof ownPresence>;

/** Auto-away: the user idle since `since`, shown as `show` with `message` (or their own message when empty). */
export interface IdleAway {
  show: 'away' | 'xa';
  since: number;
  message: string;
}

type SentPresence = OwnPresence & { idleSince?: number };

/** Which chosen shows auto-away overrides: never a busy or away the user said themselves. */
const AUTO_OVER: Record<IdleAway['show'], readonly OwnShow[]> = { away: ['online', 'chat'], xa: ['online', 'chat', 'away'] };

const samePresence = (a: SentPresence | undefined, b: SentPresence): boolean =>
  a !== undefined && a.show === b.show && a.status === b.status && a.priority === b.priority && a.idleSince === b.idleSince;
