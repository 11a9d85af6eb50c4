import { Box, Text } from 'ink';
import type { KeyBinding } from '../input/keybindings.js';
import { useTheme } from '../theme/theme-context.js';

interface Props {
  bindings: readonly KeyBinding[];
  width: number;
  height: number;
}

/** Every key and what it does (Alt-H or Escape closes it); /help lists the commands. */
export function HelpOverlay({ bindings, width, height }: Props) {
  const theme = useTheme();
  const keyWidth = Math.min(28, Math.max(...bindings.map((b) => b.keys.join(', ').length)) + 2);
  const rows = bindings.slice(0, Math.max(0, height - 2));
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text color={theme.title} bold wrap="truncate">
        Keys (Alt-H or Escape closes this; /help lists the commands)
      </Text>
      {rows.map((b) => (
        <Text key={b.action} wrap="truncate">
          <Text color={theme.command}>{b.keys.join(', ').padEnd(keyWidth)}</Text>
          {b.help}
        </Text>
      ))}
      {bindings.length > rows.length && <Text color={theme.info}>… {bindings.length - rows.length} more (make the terminal taller)</Text>}
    </Box>
  );
}
