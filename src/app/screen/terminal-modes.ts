/** Leave the alternate screen and bracketed paste, show the cursor: the shell's terminal again. */
export const LEAVE_SCREEN = '\u001b[?2004l\u001b[?25h\u001b[?1049l';
/** Back to natter's screen: the alternate screen with bracketed paste. */
export const ENTER_SCREEN = '\u001b[?1049h\u001b[?2004h';
