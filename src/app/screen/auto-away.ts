import { autoAwaySettings, idleWatch, realTimers } from '../../client/presence/idle-watch.js';
import type { IdleAway } from '../../client/presence/own-presence.js';
import type { PresenceConfig } from '../../config/schema.js';
import type { UiController } from '../../ui/controller.js';

/**
 * The keyboard is the screen's (a scripted run has none): every key the controller is told of
 * counts as the user being there, for XEP-0012 answers and for auto-away, whose times the
 * config gives (off by default).
 */
export function watchKeyboard<C extends Pick<UiController, 'keyStarted'>>(
  controller: C,
  config: PresenceConfig,
  manager: { userActive(): void; idle(change: IdleAway | undefined): void },
): C {
  const settings = autoAwaySettings(config);
  const watch = settings && idleWatch(settings, { ...realTimers, onChange: (change) => manager.idle(change) });
  return {
    ...controller,
    keyStarted(): void {
      manager.userActive();
      watch?.activity();
      controller.keyStarted?.();
    },
  };
}
