/** The clock and time zone natter answers with and compares to; tests give a fixed one. */
export interface Clock {
  now(): number;
  /** Minutes east of UTC at `at` (+120 in Central Europe in summer); follows daylight saving. */
  offsetAt(at: number): number;
}

export const systemClock: Clock = {
  now: Date.now,
  // getTimezoneOffset() counts minutes west; `0 -` keeps UTC itself at 0, not -0.
  offsetAt: (at) => 0 - new Date(at).getTimezoneOffset(),
};
