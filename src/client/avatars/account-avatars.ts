import type { Element } from '@xmpp/xml';
import { bareJid } from '../../domain/jid.js';
import { buildPhotoUpdate, NS_AVATAR_METADATA_NOTIFY, parseMetadataEvent, parsePhotoUpdate } from '../../xmpp/features/avatar/avatar.js';
import type { XmppClient } from '../../xmpp/session/create-client.js';

/** Hashes kept a kind: one per contact; a roster of thousands still fits, a flood of strangers does not grow it further. */
const MAX_KNOWN = 5000;

/**
 * What an account knows of avatars: each contact's latest hash as their presence (XEP-0153)
 * and their PEP notifications (XEP-0084) said it, and its own, which every available presence
 * it sends carries (XEP-0153 §4.1). Outlives sessions.
 */
export function accountAvatars() {
  const vcardHashes = new Map<string, string>();
  const pepHashes = new Map<string, string | undefined>();
  /** The account's own photo hash: undefined until natter knows it (set or cleared this run). */
  let own: string | undefined;
  const remember = <V>(map: Map<string, V>, key: string, value: V): void => {
    map.delete(key);
    if (map.size >= MAX_KNOWN) map.delete(map.keys().next().value!);
    map.set(key, value);
  };
  return {
    /** The hash a contact's presence gave (XEP-0153), if any. */
    photoHash: (bare: string): string | undefined => vcardHashes.get(bare) || undefined,
    /** The id a contact's latest metadata notification gave (XEP-0084); null when it cleared the avatar; undefined: none heard. */
    notifiedHash: (bare: string): string | null | undefined => (pepHashes.has(bare) ? (pepHashes.get(bare) ?? null) : undefined),
    ownHash: (): string | undefined => own,
    setOwnHash(hash: string): void {
      own = hash;
    },
    /**
     * Wires a session: "+notify" asks contacts' servers for metadata notifications (XEP-0084
     * §4.3, XEP-0163 §4), which come as messages; presences carry photo hashes.
     */
    attach(client: Pick<XmppClient, 'advertise' | 'onPresence' | 'onMessage'>): void {
      client.advertise(NS_AVATAR_METADATA_NOTIFY);
      client.onPresence((stanza) => {
        const hash = parsePhotoUpdate(stanza);
        const from = bareJid(String(stanza.attrs.from ?? ''));
        if (hash !== undefined && from) remember(vcardHashes, from, hash);
      });
      client.onMessage((message) => {
        if (message.via !== 'live') return;
        const event = parseMetadataEvent(message.stanza);
        const from = event && bareJid(event.from);
        if (event && from) remember(pepHashes, from, event.id);
      });
    },
    /** An available presence of the account's with its photo hash (XEP-0153 §4.1), once natter knows it. */
    withOwnPhoto(stanza: Element): Element {
      if (own === undefined || stanza.name !== 'presence' || stanza.attrs.type !== undefined) return stanza;
      stanza.append(buildPhotoUpdate(own));
      return stanza;
    },
  };
}

export type AccountAvatars = ReturnType<typeof accountAvatars>;
