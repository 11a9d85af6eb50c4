/**
 * The command line's text and cursor as a pure reducer. The cursor counts grapheme clusters,
 * so an emoji or a CJK character moves and deletes as one (ink-ui's TextInput counts UTF-16
 * units and splits surrogate pairs).
 */
export interface LineState {
  graphemes: string[];
  cursor: number;
  /** Ctrl-U/K/W put what they cut here; Ctrl-Y yanks it back (readline's kill ring, size 1). */
  killed: string;
}

export type LineAction =
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'delete' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'word-left' }
  | { type: 'word-right' }
  | { type: 'kill-to-start' }
  | { type: 'kill-to-end' }
  | { type: 'kill-word-back' }
  | { type: 'yank' }
  | { type: 'set'; text: string };

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function splitGraphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

export function emptyLine(): LineState {
  return { graphemes: [], cursor: 0, killed: '' };
}

export function lineText(state: LineState): string {
  return state.graphemes.join('');
}

const isSpace = (g: string | undefined): boolean => g !== undefined && /^\s+$/.test(g);

function wordStartBefore(g: string[], cursor: number): number {
  let i = cursor;
  while (i > 0 && isSpace(g[i - 1])) i--;
  while (i > 0 && !isSpace(g[i - 1])) i--;
  return i;
}

function wordEndAfter(g: string[], cursor: number): number {
  let i = cursor;
  while (i < g.length && isSpace(g[i])) i++;
  while (i < g.length && !isSpace(g[i])) i++;
  return i;
}

export function editLine(state: LineState, action: LineAction): LineState {
  const { graphemes: g, cursor } = state;
  switch (action.type) {
    case 'insert': {
      const added = splitGraphemes(action.text);
      return { ...state, graphemes: [...g.slice(0, cursor), ...added, ...g.slice(cursor)], cursor: cursor + added.length };
    }
    case 'backspace':
      return cursor === 0 ? state : { ...state, graphemes: [...g.slice(0, cursor - 1), ...g.slice(cursor)], cursor: cursor - 1 };
    case 'delete':
      return cursor >= g.length ? state : { ...state, graphemes: [...g.slice(0, cursor), ...g.slice(cursor + 1)] };
    case 'left':
      return { ...state, cursor: Math.max(0, cursor - 1) };
    case 'right':
      return { ...state, cursor: Math.min(g.length, cursor + 1) };
    case 'home':
      return { ...state, cursor: 0 };
    case 'end':
      return { ...state, cursor: g.length };
    case 'word-left':
      return { ...state, cursor: wordStartBefore(g, cursor) };
    case 'word-right':
      return { ...state, cursor: wordEndAfter(g, cursor) };
    case 'kill-to-start':
      return { graphemes: g.slice(cursor), cursor: 0, killed: g.slice(0, cursor).join('') };
    case 'kill-to-end':
      return { ...state, graphemes: g.slice(0, cursor), killed: g.slice(cursor).join('') };
    case 'kill-word-back': {
      const start = wordStartBefore(g, cursor);
      return { graphemes: [...g.slice(0, start), ...g.slice(cursor)], cursor: start, killed: g.slice(start, cursor).join('') };
    }
    case 'yank':
      return state.killed ? editLine(state, { type: 'insert', text: state.killed }) : state;
    case 'set': {
      const graphemes = splitGraphemes(action.text);
      return { ...state, graphemes, cursor: graphemes.length };
    }
  }
}
