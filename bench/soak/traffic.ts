import { xml } from '@xmpp/client';
import type { Peer } from '../../test/support/xmpp-peer.js';
import type { SoakWorld } from './setup.js';

/** Every soak message's body starts with this, then its number: the history is counted by it. */
export const BODY_PREFIX = 'soak-';

export interface TrafficCounts {
  chat: number;
  room: number;
  failed: number;
}

/**
 * `rate` messages a second for `durationMs`, every other one 1:1 (the peers in turn, to
 * natter's bare JID) and every other one in a room (the rooms in turn, said by their owner),
 * sent in 10 slices a second. `onSecond` is told the counts once a second.
 */
export async function driveTraffic(world: SoakWorld, rate: number, durationMs: number, onSecond: (counts: TrafficCounts) => void): Promise<TrafficCounts> {
  const counts: TrafficCounts = { chat: 0, room: 0, failed: 0 };
  const started = Date.now();
  let sent = 0;
  let lastSecond = 0;
  const pending = new Set<Promise<void>>();
  const send = (n: number): Promise<void> => {
    const body = `${BODY_PREFIX}${n} ${'lorem ipsum '.repeat(1 + (n % 6))}`.trimEnd();
    const half = Math.floor(n / 2);
    if (n % 2 === 0 || world.rooms.length === 0) {
      counts.chat++;
      return (world.peers[half % world.peers.length] as Peer).send(world.account.jid, body);
    }
    const r = half % world.rooms.length;
    counts.room++;
    return (world.peers[r % world.peers.length] as Peer).sendRaw(xml('message', { to: world.rooms[r], type: 'groupchat' }, xml('body', {}, body)));
  };
  while (Date.now() - started < durationMs) {
    const due = Math.floor((rate * Math.min(durationMs, Date.now() - started)) / 1000);
    for (; sent < due; sent++) {
      const sending = send(sent).catch(() => void counts.failed++);
      pending.add(sending);
      void sending.finally(() => pending.delete(sending));
    }
    const second = Math.floor((Date.now() - started) / 1000);
    if (second > lastSecond) {
      lastSecond = second;
      onSecond({ ...counts });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await Promise.all(pending);
  return counts;
}
