import type { ClientState } from '../../xmpp/features/csi/csi.js';
import { onTerminalFocus } from '../../ui/input/focus-reports.js';
import { FOCUS_REPORTING_OFF, FOCUS_REPORTING_ON } from './terminal-modes.js';

/** A window passed over on the way to another (Alt-Tab) is not "gone": focus must stay away this long. */
export const FOCUS_OUT_DELAY_MS = 500;

export interface TerminalFocus {
  /** The screen is back after the terminal was handed to another program (the editor): on again, and the person is here. */
  resume(): void;
  /** natter leaves its screen for good: reporting off, no more changes. */
  stop(): void;
}

/**
 * The screen's focus, for Client State Indication (XEP-0352): focus reporting on while the
 * screen is up (ui.focusReporting, default on), a lost focus said as 'inactive' once it has
 * stayed away FOCUS_OUT_DELAY_MS, a regained one as 'active' at once. Off, the terminal is
 * never asked for reports and nothing is said.
 */
export function watchTerminalFocus(enabled: boolean, terminal: { write(data: string): unknown }, onChange: (state: ClientState) => void): TerminalFocus {
  if (!enabled) return { resume: () => undefined, stop: () => undefined };
  let state: ClientState = 'active';
  let leaving: ReturnType<typeof setTimeout> | undefined;
  const change = (next: ClientState): void => {
    clearTimeout(leaving);
    leaving = undefined;
    if (next === state) return;
    state = next;
    onChange(next);
  };
  const unsubscribe = onTerminalFocus((focused) => {
    if (focused) change('active');
    else leaving ??= setTimeout(() => change('inactive'), FOCUS_OUT_DELAY_MS);
  });
  terminal.write(FOCUS_REPORTING_ON);
  let stopped = false;
  return {
    resume(): void {
      if (stopped) return;
      terminal.write(FOCUS_REPORTING_ON);
      change('active');
    },
    stop(): void {
      if (stopped) return;
      stopped = true;
      clearTimeout(leaving);
      unsubscribe();
      terminal.write(FOCUS_REPORTING_OFF);
    },
  };
}
