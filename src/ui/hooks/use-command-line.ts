import { useReducer, useRef } from 'react';
import { editLine, emptyLine, lineText, splitGraphemes, type LineAction, type LineState } from '../input/line-editor.js';

export type CommandLineAction =
  | LineAction
  | { type: 'history-previous' }
  | { type: 'history-next' }
  /** Ctrl-R: start a reverse search of the history, or go to the next older match. */
  | { type: 'search' }
  | { type: 'search-accept' }
  | { type: 'search-cancel' };

export interface CommandLineState {
  line: LineState;
  history: string[];
  /** Index into history while browsing it; history.length when editing a new line. */
  browsing: number;
  draft: string;
  /** Reverse history search (Ctrl-R): what is searched for and the index of the match shown. */
  search?: { query: string; at: number };
}

/** The newest history entry before `from` that contains `query`. */
function findOlder(history: readonly string[], query: string, from: number): number {
  for (let i = Math.min(from, history.length) - 1; i >= 0; i--) if ((history[i] ?? '').includes(query)) return i;
  return -1;
}

function reduceSearch(s: CommandLineState & { search: { query: string; at: number } }, action: CommandLineAction): CommandLineState {
  const { query, at } = s.search;
  const show = (nextQuery: string, from: number): CommandLineState => {
    const found = nextQuery === '' ? -1 : findOlder(s.history, nextQuery, from);
    const text = found >= 0 ? (s.history[found] ?? '') : lineText(s.line);
    return { ...s, search: { query: nextQuery, at: found >= 0 ? found : at }, line: editLine(s.line, { type: 'set', text }) };
  };
  switch (action.type) {
    case 'search':
      return show(query, at);
    case 'insert':
      return show(query + action.text, s.history.length);
    case 'backspace':
      return show(query.slice(0, -1), s.history.length);
    case 'search-cancel': {
      const { search: _done, ...rest } = s;
      return { ...rest, line: editLine(s.line, { type: 'set', text: s.draft }) };
    }
    default: {
      // Enter or any editing key: keep the match on the line and leave the search.
      const { search: _done, ...rest } = s;
      return action.type === 'search-accept' ? rest : reduceCommandLine(rest, action);
    }
  }
}

export function reduceCommandLine(s: CommandLineState, action: CommandLineAction): CommandLineState {
  if (s.search) return reduceSearch({ ...s, search: s.search }, action);
  const list = s.history;
  switch (action.type) {
    case 'search':
      return { ...s, draft: lineText(s.line), search: { query: '', at: list.length } };
    case 'search-accept':
    case 'search-cancel':
      return s;
    case 'history-previous': {
      if (s.browsing === 0 || list.length === 0) return s;
      const browsing = Math.min(s.browsing, list.length) - 1;
      const draft = s.browsing >= list.length ? lineText(s.line) : s.draft;
      return { ...s, browsing, draft, line: editLine(s.line, { type: 'set', text: list[browsing] ?? '' }) };
    }
    case 'history-next': {
      if (s.browsing >= list.length) return s;
      const browsing = s.browsing + 1;
      const text = browsing >= list.length ? s.draft : (list[browsing] ?? '');
      return { ...s, browsing, line: editLine(s.line, { type: 'set', text }) };
    }
    default:
      return { ...s, line: editLine(s.line, action) };
  }
}

/**
 * The command line: line editor plus readline-style history. State lives in a ref so that
 * keys arriving in one chunk ("hi\r") are applied in order before Enter reads the line;
 * a render is requested after each change.
 */
export function useCommandLine(activeTab: () => string = () => '') {
  const state = useRef<CommandLineState>({ line: emptyLine(), history: [], browsing: 0, draft: '' });
  // Each tab has its own line history (Up in a chat recalls what was typed there).
  const histories = useRef(new Map<string, string[]>());
  const historyTab = useRef(activeTab());
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  /** Switches the history to the tab now in front, keeping the line being typed. */
  const follow = (): void => {
    const tab = activeTab();
    if (tab === historyTab.current) return;
    histories.current.set(historyTab.current, state.current.history);
    const history = histories.current.get(tab) ?? [];
    state.current = { ...state.current, history, browsing: history.length, draft: '' };
    historyTab.current = tab;
  };

  const dispatch = (action: CommandLineAction): void => {
    follow();
    state.current = reduceCommandLine(state.current, action);
    rerender();
  };

  /** Replaces the line; `cursor` counts UTF-16 units of `text` (as string APIs do). */
  const setText = (text: string, cursor: number): void => {
    const line = editLine(state.current.line, { type: 'set', text: text.slice(0, cursor) });
    state.current = { ...state.current, line: { ...line, graphemes: [...line.graphemes, ...splitGraphemes(text.slice(cursor))] } };
    rerender();
  };

  /**
   * Empties the line, records it in history, and returns its text. `record` false keeps it out
   * (an answer to a prompt); a function gives what to keep instead (the line without a password).
   */
  const take = (record: boolean | ((text: string) => string) = true): string => {
    follow();
    const s = state.current;
    const text = lineText(s.line);
    const entry = typeof record === 'function' ? record(text) : text;
    const history = record !== false && entry.trim() !== '' && s.history.at(-1) !== entry ? [...s.history, entry] : s.history;
    state.current = { line: { ...emptyLine(), killed: s.line.killed }, history, browsing: history.length, draft: '' };
    rerender();
    return text;
  };

  /** The line as of the last key, even before React has re-rendered. */
  const current = (): LineState => state.current.line;

  /** The reverse search under way (Ctrl-R), if any. */
  const searching = (): string | undefined => state.current.search?.query;

  return { line: state.current.line, current, dispatch, take, setText, searching };
}

/** The command line as the keys see it. */
export type CommandLine = ReturnType<typeof useCommandLine>;
