import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_ROWS, type Line } from '../../domain/line.js';
import { lineRows, visibleRows } from './visible-rows.js';

const line = (id: number, text: string): Line => ({ id, at: 0, kind: 'info', text });

describe('visibleRows', () => {
  it('fills the pane from the bottom with the newest lines', () => {
    const lines = Array.from({ length: 50 }, (_, i) => line(i, `line ${i}`));
    const rows = visibleRows(lines, 40, 5);
    expect(rows.map((r) => r.text)).toEqual(['line 45', 'line 46', 'line 47', 'line 48', 'line 49']);
  });

  it('wraps long lines to the width, counting wide characters as two cells', () => {
    const rows = visibleRows([line(1, '世界世界世界')], 6 + 4, 10);
    expect(rows.map((r) => r.text)).toEqual(['世界', '世界', '世界']);
    expect(rows[0]?.time).toMatch(/^\d\d:\d\d$/);
    expect(rows[1]?.time).toBe('');
  });

  it('scrolls up by an offset in rows, and says on the bottom row that it is scrolled up and how many lines are below', () => {
    const lines = Array.from({ length: 10 }, (_, i) => line(i, `l${i}`));
    const rows = visibleRows(lines, 60, 3, 2).map((r) => r.text);
    expect(rows.slice(0, 2)).toEqual(['l5', 'l6']);
    expect(rows[2]).toMatch(/^── scrolled up · 3 more below · Alt-End ─+$/); // l7 under it, l8 and l9 below
    // A line under a rule is not shown yet: it counts. At the bottom, no such row.
    const days = [line(1, 'one'), { ...line(2, 'two'), at: 2 * 86_400_000 }, line(3, 'three')];
    expect(visibleRows(days, 60, 3, 2).map((r) => r.text)).toEqual(['one', expect.stringMatching(/^── \w+day/), expect.stringMatching(/^── scrolled up · 2 more below/)]);
    expect(visibleRows(lines, 40, 3, 0).map((r) => r.text)).toEqual(['l7', 'l8', 'l9']);
  });

  it('holds still while scrolled back as lines arrive, and says how many are below', () => {
    const lines = Array.from({ length: 10 }, (_, i) => line(i, `l${i}`));
    expect(visibleRows(lines, 40, 3, 2, { anchor: 9 }).map((r) => r.text)).toEqual(['l5', 'l6', expect.stringContaining('scrolled up · 3 more below')]);
    const more = [...lines, line(10, 'l10'), line(11, 'l11')];
    const rows = visibleRows(more, 40, 3, 2, { anchor: 9 }).map((r) => r.text);
    expect(rows.slice(0, 2)).toEqual(['l5', 'l6']);
    expect(rows[2]).toMatch(/^── 2 new below · Alt-End ─+$/);
    // At the bottom (offset 0) the anchor does not apply: the newest lines show.
    expect(visibleRows(more, 40, 3, 0, { anchor: 9 }).map((r) => r.text)).toEqual(['l9', 'l10', 'l11']);
  });

  it('never returns more rows than the pane holds, even for one huge line', () => {
    const rows = visibleRows([line(1, 'x'.repeat(100_000))], 80, 20);
    expect(rows).toHaveLength(20);
  });

  it('marks where a new day starts and where the unread messages start', () => {
    const day1 = new Date(2026, 10, 23, 22, 0).getTime();
    const day2 = new Date(2026, 10, 24, 9, 0).getTime();
    const lines: Line[] = [
      { id: 1, at: day1, kind: 'incoming', from: 'bob', text: 'late' },
      { id: 2, at: day2, kind: 'incoming', from: 'bob', text: 'morning' },
      { id: 3, at: day2 + 1000, kind: 'incoming', from: 'bob', text: 'you there?' },
    ];
    const rows = visibleRows(lines, 46, 10, 0, { unreadFrom: 3 }).map((r) => r.text);
    expect(rows).toEqual(['bob: late', `── Tuesday, 24 November 2026 ${'─'.repeat(11)}`, 'bob: morning', `── new messages ${'─'.repeat(24)}`, 'bob: you there?']);
  });

  it('cuts a long message after a screenful with a note, and shows it all when expanded', () => {
    const long: Line = { id: 1, at: 0, kind: 'incoming', from: 'bob', text: `START ${'word '.repeat(40_000)}END` };
    const cut = lineRows(long, 60);
    expect(cut).toHaveLength(MAX_MESSAGE_ROWS + 1);
    expect(cut[0]).toMatch(/^bob: START/);
    expect(cut.at(-1)).toBe('… long message (200,009 characters): /expand shows it all');
    expect(cut.join('')).not.toContain('END');
    const full = lineRows(long, 60, true);
    expect(full.length).toBeGreaterThan(3000);
    expect(full.at(-1)).toMatch(/END$/);
    // Bottom-anchored: the end of the expanded message is what the pane shows first.
    expect(visibleRows([long], 66, 5, 0, { expanded: true }).at(-1)?.text).toMatch(/END$/);
    expect(visibleRows([long], 66, 5).at(-1)?.text).toMatch(/^… long message/);
  });

  it('cuts a message of many short lines too, and leaves short ones and natter\'s own output whole', () => {
    const many: Line = { id: 2, at: 0, kind: 'incoming', from: 'bob', text: Array.from({ length: 100 }, (_, i) => `row ${i}`).join('\n') };
    expect(lineRows(many, 60)).toHaveLength(MAX_MESSAGE_ROWS + 1);
    expect(lineRows(many, 60, true)).toHaveLength(100);
    expect(lineRows(line(3, 'short'), 60)).toEqual(['short']);
    // natter's own output (/help, search results) is never cut.
    expect(lineRows({ ...many, kind: 'info' }, 60)).toHaveLength(100);
  });

  it('wraps a line once per width: the next frame reuses the rows', () => {
    const l = line(4, 'some text that wraps at a narrow width');
    const first = lineRows(l, 10);
    expect(lineRows(l, 10)).toBe(first);
    expect(lineRows(l, 20)).not.toBe(first);
  });
});
