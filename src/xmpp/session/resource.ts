import { randomBytes } from 'node:crypto';

/**
 * A resourcepart nobody can guess: `prefix-` and 12 random hex digits (48 bits). A resource
 * built from the process id (natter-4242) let a stranger probe a handful of full JIDs to learn
 * that the user is online; a random one has to be learnt from natter's presence, which only
 * the people the user shares it with receive.
 */
export function randomResource(prefix = 'natter'): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}
