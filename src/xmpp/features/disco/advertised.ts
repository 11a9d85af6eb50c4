import { capsOf, type Caps } from './caps.js';
import { NATTER_IDENTITY, NS_CAPS, NS_DISCO_INFO, type Identity } from './entity.js';

/**
 * The seam every feature uses to say what it does: it advertises its namespace when it is
 * wired on a session, so disco#info answers (XEP-0030 §3.1) and the caps hash covers (XEP-0115
 * §5.1) exactly what this session handles, no list kept apart to forget (one did: it left
 * rooms and file links out, and other clients concluded natter could do neither).
 */
export interface AdvertisePort {
  advertise(...namespaces: string[]): void;
}

/** What a session answers about itself: the features advertised so far and their caps. */
export interface AdvertisedFeatures extends AdvertisePort {
  /** The identity, features and verification hash as of now (computed once per change). */
  caps(): Caps;
}

/**
 * One session's advertised features. disco#info itself and caps are always there (XEP-0115
 * §5.1: an entity that publishes caps answers disco#info); the rest comes from the features.
 */
export function advertisedFeatures(identity: Identity = NATTER_IDENTITY): AdvertisedFeatures {
  const features = new Set<string>([NS_DISCO_INFO, NS_CAPS]);
  let caps: Caps | undefined;
  return {
    advertise(...namespaces) {
      for (const namespace of namespaces) {
        if (features.has(namespace)) continue;
        features.add(namespace);
        caps = undefined;
      }
    },
    caps: () => (caps ??= capsOf([identity], [...features])),
  };
}
