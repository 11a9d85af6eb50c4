/** xterm's focus reporting (DECSET 1004): the terminal sends CSI I on gaining focus and CSI O on losing it. */
export const FOCUS_REPORTING_ON = '\u001b[?1004h';
export const FOCUS_REPORTING_OFF = '\u001b[?1004l';
/**
 * Leave the alternate screen, bracketed paste and focus reporting, show the cursor: the
 * shell's terminal again (turning focus reporting off where it was never on changes nothing).
 */
export const LEAVE_SCREEN = `${FOCUS_REPORTING_OFF}\u001b[?2004l\u001b[?25h\u001b[?1049l`;
/** Back to natter's screen: the alternate screen with bracketed paste (focus reporting: terminal-focus.ts). */
export const ENTER_SCREEN = '\u001b[?1049h\u001b[?2004h';
