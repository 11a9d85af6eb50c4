/**
 * Delay before reconnect attempt `attempt` (1-based): exponential from 1 s, capped at 60 s,
 * with "full jitter" in the upper half, so that many clients dropped at once by a server
 * restart do not come back in lockstep.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base / 2 + random() * (base / 2));
}
