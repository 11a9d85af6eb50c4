import xml, { type Element } from '@xmpp/xml';
import { NS_DISCO_INFO } from '../disco/entity.js';
import { errorCondition } from '../messages/parse-error.js';
import { NS_MUC_USER } from '../messages/ns.js';
import type { StanzaPort } from '../messages/feature.js';
import { waitForStanza as waitFor } from './wait-for.js';

export const NS_MUC = 'http://jabber.org/protocol/muc';

/** The part of a session this uses (the seam tests fake). */
export interface RoomPort extends StanzaPort {
  iqCaller: { get(payload: Element, to?: string, timeout?: number): Promise<Element | undefined> };
}

export class RoomError extends Error {
  override name = 'RoomError';
}

/** XEP-0045 §7.2.x: what each error on a join means to the person joining. */
const JOIN_ERRORS: Record<string, string> = {
  conflict: 'the nickname is taken',
  'not-authorized': 'the room needs a password',
  forbidden: 'this account is banned from the room',
  'registration-required': 'the room is for members only',
  'service-unavailable': 'the room is full',
  'item-not-found': 'the room is locked or does not exist',
  'not-allowed': 'the service does not allow creating rooms',
  'not-acceptable': 'the room does not accept this nickname',
};

export function describeJoinError(condition: string): string {
  return JOIN_ERRORS[condition] ?? condition;
}

export interface JoinedRoom {
  room: string;
  nick: string;
  /**
   * Resolves once the room has passed our message `id` back to everyone (XEP-0045 §7.4);
   * rejects with what a refusal means, or after the timeout. Call it before the message goes.
   */
  echoOf(id: string): Promise<void>;
  leave(): Promise<void>;
}

/**
 * Sends the join presence (XEP-0045 §7.2.1) with `children` in its <x/> (history, password), our
 * `availability` (<show/>, <status/>: the room shows the occupant as we are, §7.7) after it, and
 * resolves when the room sends our own occupant's presence (§7.2.3, status 110; the nick is ours
 * alone, so its available presence is enough), telling whether the room was created (201).
 * An error presence from the occupant or the room rejects with what it means.
 */
export async function enterRoom(port: StanzaPort, room: string, nick: string, children: Element[], timeoutMs: number, availability: Element[] = []): Promise<{ created: boolean }> {
  const occupant = `${room}/${nick}`;
  let created = false;
  await waitFor(port, timeoutMs, new RoomError(`no answer from ${room} to the join within ${timeoutMs / 1000} s`), (stanza) => {
    if (!stanza.is('presence') || (stanza.attrs.from !== occupant && stanza.attrs.from !== room)) return undefined;
    if (stanza.attrs.type === 'error') throw new RoomError(`could not join ${room}: ${describeJoinError(errorCondition(stanza) ?? 'undefined-condition')}`);
    if (stanza.attrs.from !== occupant || stanza.attrs.type === 'unavailable') return undefined;
    created = stanza.getChild('x', NS_MUC_USER)?.getChildren('status').some((s) => s.attrs.code === '201') === true;
    return true;
  }, () => port.send(xml('presence', { to: occupant }, xml('x', { xmlns: NS_MUC }, ...children), ...availability)));
  return { created };
}

/**
 * Joins an existing room (XEP-0045 §7.2) without its history: a room that does not exist is
 * refused rather than created, since a one-off join must not leave a locked room behind.
 */
export async function joinRoom(port: RoomPort, room: string, nick: string, timeoutMs = 15_000): Promise<JoinedRoom> {
  const info = await port.iqCaller.get(xml('query', { xmlns: NS_DISCO_INFO }), room).catch((error: unknown) => {
    const condition = (error as { condition?: string }).condition;
    throw new RoomError(condition === 'item-not-found' ? `there is no room ${room}` : `could not ask ${room} what it is (${condition ?? String(error)})`);
  });
  if (!info?.getChildren('feature').some((f) => f.attrs.var === NS_MUC)) throw new RoomError(`${room} is not a chat room`);
  await enterRoom(port, room, nick, [xml('history', { maxstanzas: '0' })], timeoutMs);
  const occupant = `${room}/${nick}`;
  return {
    room,
    nick,
    echoOf(id) {
      return waitFor(port, timeoutMs, new RoomError(`${room} did not pass the message on within ${timeoutMs / 1000} s`), (stanza) => {
        if (!stanza.is('message') || stanza.attrs.id !== id) return undefined;
        if (stanza.attrs.type === 'error') {
          const condition = errorCondition(stanza) ?? 'undefined-condition';
          throw new RoomError(`${room} refused the message (${condition === 'forbidden' ? 'no voice in the room' : condition})`);
        }
        return stanza.attrs.from === occupant ? true : undefined;
      }, async () => undefined);
    },
    async leave() {
      await port.send(xml('presence', { to: occupant, type: 'unavailable' }));
    },
  };
}
