import { describe, expect, it } from 'vitest';
import { emptyLine, lineText } from '../input/line-editor.js';
import { reduceCommandLine, type CommandLineAction, type CommandLineState } from './use-command-line.js';

const start = (history: string[]): CommandLineState => ({ line: emptyLine(), history, browsing: history.length, draft: '' });
const run = (actions: CommandLineAction[], history: string[]) => actions.reduce(reduceCommandLine, start(history));

describe('reverse history search (Ctrl-R)', () => {
  const history = ['/msg bob@x lunch?', '/roster hide', '/msg carol@x lunch at 1', '/help'];

  it('shows the newest entry containing what is typed, and older ones on Ctrl-R again', () => {
    const typed = run([{ type: 'search' }, { type: 'insert', text: 'lunch' }], history);
    expect(lineText(typed.line)).toBe('/msg carol@x lunch at 1');
    expect(typed.search?.query).toBe('lunch');
    const older = reduceCommandLine(typed, { type: 'search' });
    expect(lineText(older.line)).toBe('/msg bob@x lunch?');
    expect(lineText(reduceCommandLine(older, { type: 'search' }).line)).toBe('/msg bob@x lunch?'); // no older match
  });

  it('Enter keeps the match for editing; Escape brings back what was typed before', () => {
    const before = run([{ type: 'insert', text: 'draft' }, { type: 'search' }, { type: 'insert', text: 'roster' }], history);
    const accepted = reduceCommandLine(before, { type: 'search-accept' });
    expect([lineText(accepted.line), accepted.search]).toEqual(['/roster hide', undefined]);
    const cancelled = reduceCommandLine(before, { type: 'search-cancel' });
    expect([lineText(cancelled.line), cancelled.search]).toEqual(['draft', undefined]);
  });

  it('Backspace shortens the search', () => {
    const state = run([{ type: 'search' }, { type: 'insert', text: 'helpx' }, { type: 'backspace' }], history);
    expect([lineText(state.line), state.search?.query]).toEqual(['/help', 'help']);
  });
});
