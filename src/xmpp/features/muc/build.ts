import xml, { type Element } from '@xmpp/xml';
import { NS_MUC_USER, NS_SID } from '../messages/ns.js';

/** XEP-0045 §7.4: a message to everyone in a room; the room passes it back, us included, with this origin-id. */
export function buildGroupchatMessage(room: string, body: string, id: string, extra: Element[] = []): Element {
  return xml('message', { to: room, type: 'groupchat', id }, xml('body', {}, body), xml('origin-id', { xmlns: NS_SID, id }), ...extra);
}

/** §7.5: a private message to one occupant, through the room (marked muc#user so clients know it is one). */
export function buildPrivateMessage(room: string, nick: string, body: string, id: string, extra: Element[] = []): Element {
  return xml('message', { to: `${room}/${nick}`, type: 'chat', id }, xml('body', {}, body), xml('x', { xmlns: NS_MUC_USER }), xml('origin-id', { xmlns: NS_SID, id }), ...extra);
}
