import { chatReceiver } from '../conversations/chat-receiver.js';
import { disclosurePolicy } from '../privacy/may-tell.js';
import type { ClientFixture } from './client-fixture.js';

type RoomCopies = Parameters<typeof chatReceiver>[1]['rooms'];

/** The fixture account's chat receiver as the account runtime wires it; private copies through a room go to `rooms` (dropped by default). */
export function fixtureReceiver(fx: ClientFixture, rooms: RoomCopies = { privateCopy: () => undefined }) {
  return chatReceiver(fx.account, {
    store: fx.store, tabs: fx.tabs, history: fx.history, rooms,
    disclosure: disclosurePolicy(fx.account, fx.store, fx.history), consoleLine: fx.consoleLine, onEvent: fx.onEvent,
  });
}
