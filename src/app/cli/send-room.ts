import { randomBytes } from 'node:crypto';
import type { Element } from '@xmpp/xml';
import type { MessageHistory } from '../../history/message-history.js';
import { joinRoom, RoomError } from '../../xmpp/features/muc/join.js';
import { ourRow } from '../../client/conversations/history-rows.js';
import type { XmppClient } from '../../xmpp/session/create-client.js';
import { ExitCode } from './exit-codes.js';
import { OneShotError } from './one-shot.js';

/**
 * `natter send --room`: joins the room under the account's name (another if that one is
 * taken), and counts a message as sent once the room has passed it on to its occupants.
 */
export async function roomSender(client: XmppClient, account: string, room: string, history: MessageHistory) {
  const local = account.split('@')[0] ?? 'natter';
  const joined = await joinRoom(client, room, local).catch(async (error: unknown) => {
    if (error instanceof RoomError && error.message.endsWith('the nickname is taken')) return joinRoom(client, room, `${local}-${randomBytes(2).toString('hex')}`);
    throw error;
  }).catch(failed);
  return {
    async send(body: string, extra: Element[] = []): Promise<string> {
      const id = await joined.say(body, extra).catch(failed);
      history.add(ourRow({ account, peer: room, kind: 'groupchat', sender: joined.nick, body, id, delivery: 'sent' }));
      return id;
    },
    leave: () => joined.leave().catch(() => undefined),
  };
}

function failed(error: unknown): never {
  if (error instanceof RoomError) throw new OneShotError(error.message, ExitCode.failure);
  throw error;
}
