import { Box, Text } from 'ink';
import type { KeyBinding } from '../input/keybindings.js';
import { HELP_GAP, helpLayout } from '../text/help-layout.js';
import { useTheme } from '../theme/theme-context.js';

interface Props {
  bindings: readonly KeyBinding[];
  width: number;
  height: number;
}

/**
 * Every key and what it does (Alt-H or Escape closes it); /help lists the commands. In
 * columns side by side when one is not enough (see helpLayout).
 */
export function HelpOverlay({ bindings, width, height }: Props) {
  const theme = useTheme();
  const layout = helpLayout(bindings, width, Math.max(0, height - 1));
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text color={theme.title} bold wrap="truncate">
        Keys (Alt-H or Escape closes this; /help lists the commands)
      </Text>
      <Box flexDirection="row">
        {layout.columns.map((column, index) => (
          <Box key={index} flexDirection="column" width={layout.columnWidth} marginRight={index < layout.columns.length - 1 ? HELP_GAP : 0}>
            {column.map((row, rowIndex) => (
              <Text key={rowIndex} wrap="truncate">
                <Text color={theme.command}>{row.keys.padEnd(layout.keyWidth)}</Text>
                {row.help}
              </Text>
            ))}
            {layout.hidden > 0 && index === layout.columns.length - 1 && (
              <Text color={theme.info} wrap="truncate">… {layout.hidden} more (make the terminal larger)</Text>
            )}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
