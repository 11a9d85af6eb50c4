import { describe, expect, it } from 'vitest';
import { archiveOrder, type PlacedRow } from './archive-order.js';

function ordering(cursorAt?: number) {
  const moves: Array<[number, number]> = [];
  const order = archiveOrder((row: PlacedRow, at: number) => moves.push([row.rowId, at]));
  order.restart(cursorAt);
  const place = (rowId: number, at: number): number => {
    const placed = order.notBeforeReached(at);
    order.placed({ peer: 'bob@x', rowId, at: placed });
    return placed;
  };
  return { order, moves, place };
}

describe('the archive order of a catch-up', () => {
  it("places nothing before the cursor's message", () => {
    const { place } = ordering(5_000);
    expect(place(1, 4_000)).toBe(5_000);
    expect(place(2, 6_000)).toBe(6_000);
  });

  it('moves the new results since the last pin to just before a pin earlier than they were placed, keeping their order', () => {
    const { order, moves, place } = ordering();
    place(1, 9_000);
    place(2, 9_500);
    expect(place(3, 4_000)).toBe(9_500); // not before the results before it
    order.pinned(8_000);
    expect(moves).toEqual([[1, 7_999], [2, 7_999], [3, 7_999]]);
  });

  it('places what follows a pin no earlier than it, and never moves rows before the previous pin', () => {
    const { order, moves, place } = ordering();
    order.pinned(8_000);
    expect(place(1, 7_000)).toBe(8_000);
    order.pinned(8_000);
    expect(moves).toEqual([]);
    expect(place(2, 7_000)).toBe(8_000);
    order.pinned(9_000);
    expect(moves).toEqual([]);
  });

  it('reaches the latest time given, a pin brings it back to the pin', () => {
    const { order, place } = ordering(1_000);
    expect(order.reached()).toBe(1_000);
    place(1, 9_000);
    expect(order.reached()).toBe(9_000);
    order.pinned(8_000);
    expect(order.reached()).toBe(8_000);
  });

  it('forgets the pins of an earlier catch-up', () => {
    const { order, place } = ordering();
    order.pinned(8_000);
    order.restart(undefined);
    expect(place(1, 7_000)).toBe(7_000);
  });
});
