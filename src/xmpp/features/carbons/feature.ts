import type { Element } from '@xmpp/xml';
import type { AdvertisePort } from '../disco/advertised.js';
import { buildEnableCarbons } from './build.js';
import { NS_CARBONS } from './parse.js';

/** The part of a session carbons use (the seam tests fake). */
export interface CarbonsPort extends AdvertisePort {
  iqCaller: { set(payload: Element, to?: string, timeout?: number): Promise<Element | undefined> };
}

/**
 * Message carbons (XEP-0280) on one session: advertised when wired (§3: "An entity advertises
 * support for this protocol by including the "urn:xmpp:carbons:2" feature in its service
 * discovery information features"), enabled once the session is ready; the copies themselves
 * come through the inbound router, which checks that they are the account's own.
 */
export function carbonsFeature(port: CarbonsPort): { enable(): Promise<unknown> } {
  port.advertise(NS_CARBONS);
  return { enable: () => port.iqCaller.set(buildEnableCarbons()) };
}
