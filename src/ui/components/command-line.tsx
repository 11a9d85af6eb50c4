import { Box, Text } from 'ink';
import type { LineState } from '../input/line-editor.js';
import { useTheme } from '../theme/theme-context.js';

interface Props {
  line: LineState;
  width: number;
  /** A question being asked (e.g. "Password for bob@x:"), answered on this line. */
  prompt?: { label: string; masked: boolean } | undefined;
}

/** The prompt with a visible block cursor; scrolls horizontally to keep the cursor in view. */
export function CommandLine({ line, width, prompt }: Props) {
  const theme = useTheme();
  const label = prompt ? `${prompt.label} ` : '> ';
  const room = Math.max(1, width - label.length - 1);
  const start = Math.max(0, line.cursor - room + 1);
  // A pasted newline is shown as ⏎ so the line stays one row; it is sent as a newline.
  const show = (g: string[]): string => (prompt?.masked ? '*'.repeat(g.length) : g.join('').replaceAll('\n', '⏎'));
  const before = show(line.graphemes.slice(start, line.cursor));
  // The cursor past the end is a blank cell, not a character: a masked answer shows no `*` for it.
  const under = line.graphemes[line.cursor];
  const at = under === undefined ? ' ' : show([under]);
  const after = show(line.graphemes.slice(line.cursor + 1));
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate">
        <Text color={theme.prompt}>{label}</Text>
        {before}
        <Text inverse>{at}</Text>
        {after}
      </Text>
    </Box>
  );
}
