import { autoAwaySettings, idleWatch, realTimers } from '../../client/presence/idle-watch.js';
import type { IdleAway } from '../../client/presence/own-presence.js';
import type { PresenceConfig } from '../../config/schema.js';
import type { UiController } from '../../ui/controller.js';

/**
 * Auto-away belongs to the screen: the keyboard is its (a scripted run has none). Every key
 * the controller is told of counts as the user being there; the config's times (off by
 * default) say when they are away, and extended away.
 */
export function withAutoAway<C extends Pick<UiController, 'keyStarted'>>(controller: C, config: PresenceConfig, manager: { idle(change: IdleAway | undefined): void }): C {
  const settings = autoAwaySettings(config);
  if (!settings) return controller;
  const watch = idleWatch(settings, { ...realTimers, onChange: (change) => manager.idle(change) });
  return {
    ...controller,
    keyStarted(): void {
      watch.activity();
      controller.keyStarted?.();
    },
  };
}
