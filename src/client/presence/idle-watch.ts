import type { PresenceConfig } from '../../config/schema.js';
import type { IdleAway } from './own-presence.js';

export interface AutoAwaySettings {
  /** Idle this long at the keyboard: away (0: never). */
  awayAfterMs: number;
  /** Idle this long: extended away (0: never). */
  xaAfterMs: number;
  /** The status message while away by itself ('' keeps the user's own). */
  message: string;
}

export interface IdleWatchDeps {
  now(): number;
  /** Runs `run` after `ms`; returns how to cancel it. The process must not wait for it. */
  after(ms: number, run: () => void): () => void;
  /** The user went idle (or idler), or came back (undefined). */
  onChange(away: IdleAway | undefined): void;
}

/**
 * Auto-away: how long since the last key. One timer, armed for the next step and re-armed when
 * it fires early (a key came meanwhile), so a key costs one assignment, not a timer. The first
 * key after going idle brings the user back at once.
 */
export function idleWatch(settings: AutoAwaySettings, deps: IdleWatchDeps) {
  let last = deps.now();
  let level: IdleAway['show'] | undefined;
  let cancel: (() => void) | undefined;
  const steps = [
    ...(settings.awayAfterMs > 0 ? [{ show: 'away' as const, afterMs: settings.awayAfterMs }] : []),
    ...(settings.xaAfterMs > 0 ? [{ show: 'xa' as const, afterMs: settings.xaAfterMs }] : []),
  ].sort((a, b) => a.afterMs - b.afterMs);
  const nextStep = () => (level === undefined ? steps[0] : level === 'away' ? steps.find((s) => s.show === 'xa') : undefined);

  const arm = (): void => {
    cancel?.();
    cancel = undefined;
    const step = nextStep();
    if (!step) return;
    cancel = deps.after(Math.max(0, last + step.afterMs - deps.now()), () => {
      cancel = undefined;
      if (deps.now() - last >= step.afterMs) {
        level = step.show;
        deps.onChange({ show: step.show, since: last, message: settings.message });
      }
      arm();
    });
  };
  arm();

  return {
    /** A key or a paste: the user is at the keyboard. */
    activity(): void {
      last = deps.now();
      if (level === undefined) {
        // After a step that was never going to fire (none configured), nothing is armed.
        if (!cancel) arm();
        return;
      }
      level = undefined;
      deps.onChange(undefined);
      arm();
    },
    stop(): void {
      cancel?.();
      cancel = undefined;
    },
  };
}

/** Real timers that do not keep natter running. */
export const realTimers: Pick<IdleWatchDeps, 'now' | 'after'> = {
  now: () => Date.now(),
  after(ms, run) {
    const timer = setTimeout(run, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** The config's auto-away (minutes) as the watch takes it; undefined when it is off. */
export function autoAwaySettings(config: PresenceConfig): AutoAwaySettings | undefined {
  if (config.awayAfterMinutes <= 0 && config.xaAfterMinutes <= 0) return undefined;
  return { awayAfterMs: config.awayAfterMinutes * 60_000, xaAfterMs: config.xaAfterMinutes * 60_000, message: config.awayMessage };
}
