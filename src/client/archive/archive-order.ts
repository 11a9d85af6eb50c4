/** A history row a catch-up added, and the time it was given. */
export interface PlacedRow {
  peer: string;
  rowId: number;
  at: number;
}

/** At most this many rows wait for a pin (a catch-up of 50 pages of 100, twice). */
const MAX_IN_QUESTION = 10_000;

/**
 * The archive gives its results in the order the server routed the messages (XEP-0313 §4.1.2),
 * and that order is the one sure thing a catch-up knows of their times: stamps may have whole
 * seconds only, and the floors of archive-catch-up guess. A result natter already had (it came
 * live, re-sent on a resumed stream, or kept offline) pins the order: every result after it
 * came later, every new one since the previous pin came earlier. Only an incoming message
 * pins: its time is when it came (or its server stamp), while one of the user's own carries
 * when it was typed, which may be long before the server routed it.
 *
 * A new result is placed no earlier than the last pin; when a pin turns out earlier than new
 * results placed since the previous one, they are moved to just before it (`redate`), keeping
 * their order (stored rows of one time sort by row id, which follows the archive's order). A
 * new result is also placed no earlier than the new results before it.
 */
export function archiveOrder(redate: (row: PlacedRow, at: number) => void) {
  /** The time of the last pin of this catch-up. */
  let pinnedAt: number | undefined;
  /** The latest time given so far in this catch-up: what the archive gives next came later. */
  let reached: number | undefined;
  let sincePin: PlacedRow[] = [];
  return {
    /**
     * A catch-up starts after the archive's place natter gave the time `cursorAt` (kept with
     * the cursor). The results one cut short placed since the last pin stay in question: the
     * next pin may still move them (the archive goes on from the same place).
     */
    restart(cursorAt: number | undefined): void {
      if (sincePin.length === 0) pinnedAt = cursorAt;
      reached = cursorAt;
    },
    /** The time for a new result given `at`: not before anything the archive gave before it. */
    notBeforeReached: (at: number): number => (reached !== undefined && at < reached ? reached : at),
    /** A new result was stored as `row`. */
    placed(row: PlacedRow): void {
      if (sincePin.length >= MAX_IN_QUESTION) sincePin.shift();
      sincePin.push(row);
      reached = Math.max(row.at, reached ?? row.at);
    },
    /** A result natter already had, stored at `at`; or a live message that moved the cursor (the archive's newest). */
    pinned(at: number): void {
      // Just before the pin; never before the previous one (then the rows can only share its time).
      const before = Math.max(at - 1, pinnedAt ?? Number.NEGATIVE_INFINITY);
      for (const row of sincePin) if (row.at > before) redate(row, before);
      sincePin = [];
      pinnedAt = reached = Math.max(at, pinnedAt ?? Number.NEGATIVE_INFINITY);
    },
    /** The time of the archive's place this catch-up reached (kept with the cursor), if known. */
    reached: (): number | undefined => reached,
  };
}

export type ArchiveOrder = ReturnType<typeof archiveOrder>;
