import { Box, Text } from 'ink';
import type { LineState } from '../input/line-editor.js';
import { theme } from '../theme/theme.js';

interface Props {
  line: LineState;
  width: number;
}

/** The prompt with a visible block cursor; scrolls horizontally to keep the cursor in view. */
export function CommandLine({ line, width }: Props) {
  const room = Math.max(1, width - 3);
  const start = Math.max(0, line.cursor - room + 1);
  const before = line.graphemes.slice(start, line.cursor).join('');
  const at = line.graphemes[line.cursor] ?? ' ';
  const after = line.graphemes.slice(line.cursor + 1).join('');
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate">
        <Text color={theme.prompt}>{'> '}</Text>
        {before}
        <Text inverse>{at}</Text>
        {after}
      </Text>
    </Box>
  );
}
