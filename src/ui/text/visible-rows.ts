import type { Line } from '../../domain/line.js';
import { formatTime, lineBody } from './format-line.js';
import { wrapText } from './wrap.js';

export interface Row {
  key: string;
  time: string;
  text: string;
  line: Line;
}

const TIME_WIDTH = 6; // "HH:MM "

/**
 * The rows that fill a pane of `height` rows, bottom-anchored, `offset` rows up from the end.
 * Only as many lines as needed are wrapped, walking back from the newest, so the cost is
 * O(visible rows), not O(buffer) (Poezio's text buffers and gomuks' message view do the same).
 */
export function visibleRows(lines: readonly Line[], width: number, height: number, offset = 0): Row[] {
  const textWidth = Math.max(1, width - TIME_WIDTH);
  const rows: Row[] = [];
  const need = height + offset;
  for (let i = lines.length - 1; i >= 0 && rows.length < need; i--) {
    const line = lines[i];
    if (!line) continue;
    const wrapped = wrapText(lineBody(line), textWidth);
    const time = formatTime(line.at);
    for (let j = wrapped.length - 1; j >= 0; j--) {
      rows.unshift({ key: `${line.id}:${j}`, time: j === 0 ? time : '', text: wrapped[j] ?? '', line });
    }
  }
  const end = Math.max(0, rows.length - offset);
  return rows.slice(Math.max(0, end - height), end);
}
