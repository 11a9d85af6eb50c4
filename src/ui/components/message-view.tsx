import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Line, LineKind } from '../../domain/line.js';
import { senderSpan } from '../text/format-line.js';
import { visibleRows, type Row } from '../text/visible-rows.js';
import { pictureRow } from '../text/picture-cells.js';
import { useColourDepth, useNickColour, useTheme } from '../theme/theme-context.js';
import type { ThemeToken } from '../theme/theme.js';

interface Props {
  lines: readonly Line[];
  width: number;
  height: number;
  offset: number;
  /** Line id where the "new messages" rule goes. */
  unreadFrom?: number | undefined;
  /** Long messages in full (/expand). */
  expanded?: boolean | undefined;
  /** Scrolled back: the newest line when scrolling began (see visibleRows). */
  anchor?: number | undefined;
}

/** The token each kind of line is drawn in; info lines keep the terminal's colour. */
const TOKEN: Record<LineKind, ThemeToken | undefined> = {
  info: undefined,
  error: 'error',
  command: 'command',
  incoming: 'incoming',
  outgoing: 'outgoing',
};

const MessageRow = memo(function MessageRow({ row }: { row: Row }) {
  const theme = useTheme();
  // "/me waves" is shown as "* bob waves", in its own colour and italic (XEP-0245).
  const action = row.line.from !== undefined && row.line.text.startsWith('/me ');
  const token = action ? 'action' : TOKEN[row.line.kind];
  const colour = token && theme[token];
  const sender = nameInRow(row);
  const nickColour = useNickColour();
  const senderColour = sender && nickColour(row.line.from ?? '');
  if (row.picture !== undefined && row.line.picture) return <PictureRow row={row} />;
  return (
    <Text wrap="truncate">
      <Text color={theme.timestamp}>{row.time.padEnd(6)}</Text>
      {sender && senderColour ? (
        <Text color={colour} italic={action}>
          {row.text.slice(0, sender.start)}
          <Text color={senderColour}>{row.text.slice(sender.start, sender.end)}</Text>
          {row.text.slice(sender.end)}
        </Text>
      ) : (
        <Text color={colour} italic={action}>
          {row.text}
        </Text>
      )}
    </Text>
  );
});

/** A row of half blocks: the picture's cells in their colours, after the time column (indented like the caption's fields). */
function PictureRow({ row }: { row: Row }) {
  const depth = useColourDepth();
  const runs = row.line.picture ? pictureRow(row.line.picture, row.picture ?? 0, depth) : [];
  return (
    <Text wrap="truncate">
      {' '.repeat(8)}
      {runs.map((run, i) => (
        <Text key={i} color={run.fg} backgroundColor={run.bg}>
          {run.text}
        </Text>
      ))}
    </Text>
  );
}

/**
 * The sender's name in a row, where the row is a message's first and holds the whole name
 * (a name wider than the pane wraps, and is then left in the line's colour).
 */
function nameInRow(row: Row): { start: number; end: number } | undefined {
  if (row.rule || row.key !== `${row.line.id}:0`) return undefined;
  const span = senderSpan(row.line);
  return span && row.text.slice(span.start, span.end) === row.line.from ? span : undefined;
}

/** Exactly `height` one-row lines, so the frame never grows past the terminal. */
export const MessageView = memo(function MessageView({ lines, width, height, offset, unreadFrom, expanded, anchor }: Props) {
  const pictures = useColourDepth() > 0;
  const rows = visibleRows(lines, width, height, offset, { unreadFrom, expanded, anchor, pictures });
  return (
    <Box flexDirection="column" width={width} height={height} justifyContent="flex-end" overflow="hidden">
      {/* Keyed by place on screen, not by line: when the view scrolls, each row's Ink node is
          given new text instead of one being removed and another made (a flood brings a full
          view of new lines every frame; npm run bench:frame -- 300 100 is ~8% faster). */}
      {rows.map((row, slot) => (
        <MessageRow key={slot} row={row} />
      ))}
    </Box>
  );
});
