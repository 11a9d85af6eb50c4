import type { KeyBinding } from '../input/keybindings.js';
import { wrapText } from './wrap.js';

/** One row of the key list: the keys (empty on a help text's further rows) and help text. */
export interface HelpRow {
  keys: string;
  help: string;
}

export interface HelpLayout {
  /** Side by side, each filled top to bottom. */
  columns: HelpRow[][];
  columnWidth: number;
  keyWidth: number;
  /** Bindings that did not fit even so (the overlay says how many). */
  hidden: number;
}

/** Columns between two columns of the list. */
export const HELP_GAP = 2;
/** A column narrower than this leaves too little of the help text: no more columns then. */
const MIN_COLUMN = 40;

/**
 * Lays out every key binding in `rows` rows of `width` columns: one column when it fits, else
 * as many side by side as it takes (wrapping help texts in their column), else one row per
 * binding with its help cut; only when even that does not fit is the list cut, with the last
 * row kept for saying so. At 160×45 (the size it was tried at) every key shows.
 */
export function helpLayout(bindings: readonly KeyBinding[], width: number, rows: number): HelpLayout {
  const longestKeys = Math.max(0, ...bindings.map((b) => keysOf(b).length));
  const mostColumns = Math.max(1, Math.floor((width + HELP_GAP) / (MIN_COLUMN + HELP_GAP)));
  const attempt = (count: number, wrap: boolean): HelpLayout => {
    const columnWidth = Math.max(1, Math.floor((width - HELP_GAP * (count - 1)) / count));
    const keyWidth = Math.min(28, longestKeys + 2, Math.floor(columnWidth / 2));
    const helpWidth = Math.max(1, columnWidth - keyWidth);
    const entries = bindings.map((b) => (wrap ? wrapText(b.help, helpWidth) : [b.help]).map((help, i) => (i === 0 ? { keys: keysOf(b), help } : { keys: '', help: help.trimStart() })));
    return { ...pack(entries, count, rows), columnWidth, keyWidth };
  };
  for (let count = 1; count <= mostColumns; count++) {
    const layout = attempt(count, true);
    if (layout.hidden === 0) return layout;
  }
  return attempt(mostColumns, false);
}

const keysOf = (binding: KeyBinding): string => binding.keys.join(', ');

/**
 * Fills `count` columns of `rows` rows with whole entries, in order; what is left is hidden,
 * and then the last row is kept free for saying so.
 */
function pack(entries: readonly HelpRow[][], count: number, rows: number): Pick<HelpLayout, 'columns' | 'hidden'> {
  const all = fill(entries, count, rows, rows);
  return all.placed === entries.length ? { columns: all.columns, hidden: 0 } : cut(entries, count, rows);
}

function cut(entries: readonly HelpRow[][], count: number, rows: number): Pick<HelpLayout, 'columns' | 'hidden'> {
  const some = fill(entries, count, rows, rows - 1);
  return { columns: some.columns, hidden: entries.length - some.placed };
}

function fill(entries: readonly HelpRow[][], count: number, rows: number, lastRows: number): { columns: HelpRow[][]; placed: number } {
  const columns: HelpRow[][] = [[]];
  const room = (): number => (columns.length === count ? lastRows : rows);
  let placed = 0;
  for (const entry of entries) {
    let column = columns.at(-1) ?? [];
    if (column.length + entry.length > room()) {
      if (columns.length === count) break;
      column = [];
      columns.push(column);
    }
    if (column.length + entry.length > room()) break;
    column.push(...entry);
    placed++;
  }
  return { columns, placed };
}
