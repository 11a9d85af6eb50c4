import { describe, expect, it } from 'vitest';
import { editLine, emptyLine, lineText, type LineAction, type LineState } from './line-editor.js';

const run = (actions: LineAction[], start: LineState = emptyLine()): LineState => actions.reduce(editLine, start);

describe('line editor', () => {
  it('inserts at the cursor and deletes whole graphemes', () => {
    const state = run([{ type: 'insert', text: 'a👩‍💻b' }, { type: 'left' }, { type: 'backspace' }]);
    expect(lineText(state)).toBe('ab');
    expect(state.cursor).toBe(1);
  });

  it('moves by words and kills the previous word (Ctrl-W), yanks it back (Ctrl-Y)', () => {
    let state = run([{ type: 'insert', text: 'hello big world' }, { type: 'word-left' }]);
    expect(state.cursor).toBe(10);
    state = run([{ type: 'end' }, { type: 'kill-word-back' }], state);
    expect(lineText(state)).toBe('hello big ');
    state = run([{ type: 'home' }, { type: 'yank' }], state);
    expect(lineText(state)).toBe('worldhello big ');
  });

  it('kills to the start (Ctrl-U) and to the end (Ctrl-K)', () => {
    const start = run([{ type: 'insert', text: 'abcdef' }, { type: 'left' }, { type: 'left' }]);
    expect(lineText(editLine(start, { type: 'kill-to-start' }))).toBe('ef');
    expect(lineText(editLine(start, { type: 'kill-to-end' }))).toBe('abcd');
  });

  it('ignores moves past either end', () => {
    const state = run([{ type: 'left' }, { type: 'backspace' }, { type: 'delete' }, { type: 'right' }]);
    expect(state).toEqual(emptyLine());
  });
});
