import { sanitizeLine } from '../../domain/sanitize.js';
import { ExitCode } from '../cli/exit-codes.js';
import { LEAVE_SCREEN } from './terminal-modes.js';

/**
 * The last resort of the full screen: an exception nothing caught (a bug natter has not met
 * yet) must not leave the person's terminal on the alternate screen in raw mode with the
 * cursor hidden. What can be saved is (the history's open transaction), the screen is taken
 * down and the terminal put back, the error is said on stderr, and natter exits with 1.
 */
export function exitCleanlyOnCrash(steps: { flush(): void; unmount(): void }): void {
  process.on('uncaughtException', (error: unknown) => {
    for (const step of [steps.flush, steps.unmount]) {
      try {
        step();
      } catch {
        // the state that threw may throw again: what matters is the terminal, below
      }
    }
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    process.stdout.write(LEAVE_SCREEN);
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    process.stderr.write(`natter stopped on an internal error: ${sanitizeLine(reason).slice(0, 500)}\n` +
      'The history up to this moment is saved. Please report this, with what you were doing, to the natter issue tracker.\n');
    process.exit(ExitCode.failure);
  });
}
