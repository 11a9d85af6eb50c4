import type { Element } from '@xmpp/xml';
import { bareJid } from '../../domain/jid.js';
import { buildCapsQuery, parseCapsAnswer, parseCapsMark, type CapsIdentity, type PeerCapsMark } from '../../xmpp/features/peer-caps/parse.js';

/** What one caps ver says: the features, and who the client says it is (its disco identity). */
interface CapsFacts {
  features: ReadonlySet<string>;
  identity?: CapsIdentity;
}

/** An IQ get on the current session (xmpp.js iqCaller.get); resolves with the answer's payload. */
export type AskIq = (query: Element, to: string) => Promise<Element | undefined>;

/** How many verified answers are kept (one per client version met; a few dozen in practice). */
const MAX_VERS = 512;
/**
 * Questions out at once: a room of thousands of occupants each showing a ver of its own (a
 * hostile room can) must not make natter send thousands; a ver not asked now is asked at its
 * next presence, and counts as unknown meanwhile.
 */
export const MAX_ASKING = 16;

/**
 * What peers support, from their entity capabilities (XEP-0115): each online resource's caps
 * ver (from its presence), and what each ver means, asked once per ver ("the processing
 * application SHOULD cache the association between the hash and the features", §5.4). A ver
 * whose answer does not hash to it is kept for that resource only, never for the ver.
 * The answers outlive a session; who is online does not (`reset` at a session's end).
 */
export function peerCaps() {
  const byVer = new Map<string, CapsFacts>();
  const asking = new Set<string>();
  /** Bare JID → its online resources (full JIDs) and their caps; undefined: no usable caps. */
  const online = new Map<string, Map<string, PeerCapsMark | undefined>>();
  /** Full JID → what an answer that did not verify says (for that resource alone). */
  const unverified = new Map<string, CapsFacts>();

  const factsOf = (full: string): CapsFacts | undefined => {
    const mark = online.get(bareJid(full))?.get(full);
    return unverified.get(full) ?? (mark ? byVer.get(mark.ver) : undefined);
  };
  const featuresOf = (full: string): ReadonlySet<string> | undefined => factsOf(full)?.features;

  const learn = (mark: PeerCapsMark, from: string, ask: AskIq): void => {
    if (byVer.has(mark.ver) || asking.has(mark.ver) || asking.size >= MAX_ASKING) return;
    asking.add(mark.ver);
    ask(buildCapsQuery(mark), from)
      .then((answer) => {
        const result = parseCapsAnswer(answer, mark.ver);
        if (!('features' in result)) return;
        const facts: CapsFacts = { features: result.features, ...(result.identity ? { identity: result.identity } : {}) };
        if (result.verified) {
          if (byVer.size >= MAX_VERS) byVer.delete(byVer.keys().next().value!);
          byVer.set(mark.ver, facts);
        } else if (online.get(bareJid(from))?.get(from)?.ver === mark.ver) unverified.set(from, facts);
      })
      // No answer (offline meanwhile, an error): unknown, asked again at its next presence.
      .catch(() => undefined)
      .finally(() => asking.delete(mark.ver));
  };

  return {
    /** An available or unavailable presence from a peer (a contact's resource, a room occupant). */
    onPresence(stanza: Element, ask: AskIq): void {
      const type = stanza.attrs.type;
      const from = String(stanza.attrs.from ?? '');
      const bare = bareJid(from);
      if (!bare || !from.includes('/') || (type !== undefined && type !== 'unavailable')) return;
      let resources = online.get(bare);
      const before = resources?.get(from);
      if (type === 'unavailable') {
        unverified.delete(from);
        resources?.delete(from);
        if (resources?.size === 0) online.delete(bare);
        return;
      }
      const mark = parseCapsMark(stanza);
      if (!resources) online.set(bare, (resources = new Map()));
      resources.set(from, mark);
      if (before?.ver !== mark?.ver) unverified.delete(from);
      // A ver not known yet (new, or its question failed or was not sent) is asked about.
      if (mark && !featuresOf(from)) learn(mark, from, ask);
    },
    /**
     * Whether `to` supports `namespace`: for a full JID, that resource's caps; for a bare JID,
     * true when one online resource lists it, false when every online resource's caps are known
     * and none does; undefined (unknown) otherwise, e.g. no resource online.
     */
    supports(to: string, namespace: string): boolean | undefined {
      if (to.includes('/')) return featuresOf(to)?.has(namespace);
      const resources = [...(online.get(bareJid(to))?.keys() ?? [])];
      if (resources.length === 0) return undefined;
      const known = resources.map(featuresOf);
      if (known.some((f) => f?.has(namespace))) return true;
      return known.every((f) => f !== undefined) ? false : undefined;
    },
    /** Who the online resource `full` says it is (its caps' disco identity), once its caps are known. */
    identityOf(full: string): CapsIdentity | undefined {
      return factsOf(full)?.identity;
    },
    /** The session ended: nobody is known online any more (the answers per ver stay). */
    reset(): void {
      online.clear();
      unverified.clear();
    },
  };
}

export type PeerCaps = ReturnType<typeof peerCaps>;
