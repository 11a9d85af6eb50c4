import xml from '@xmpp/xml';
import stringWidth from 'string-width';
import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** "hidden" in tag characters (U+E0068…), as an invisible-text trick sends it. */
const TAGS = [...'hidden'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
/** Zero-width and other default-ignorable characters, each of which a terminal may or may not draw. */
const INVISIBLE = `\u200b\u200c\u200d\u2060\u00ad\u034f\u180e\ufeff${TAGS}\u{e0001}\u{e007f}`;
/**
 * A heart with VS16: string-width (Ink) counts it 2 columns, the headless xterm (and tmux)
 * draw 1. Repeated, Ink lays out a line far wider than the terminal draws it.
 */
const HEARTS = (n: number): string => `\u2764\ufe0f${INVISIBLE}`.repeat(n);

it('zero-width, tag and emoji-sequence characters from a peer leave the roster border and the message columns where Ink put them', async () => {
  const { a, b, bob, natter } = await natterAndBob(info, cleanup, { cols: 160, rows: 24, contacts: true });
  await natter.waitForText(`+ ${b.local}`);
  natter.type('/roster size 60\r');
  natter.type('/roster status on\r');
  // A status that starts with combining marks (they attach to nothing) and is full of hearts and invisibles.
  await bob.sendRaw(xml('presence', {}, xml('status', {}, `\u0301\u0302${INVISIBLE}st${HEARTS(12)}END`)));
  await natter.waitForText(new RegExp(`${b.local} .*st`));

  // 36 hearts: 36 columns on screen, 72 to Ink before the fix (then the line wrapped early).
  natter.type(`/msg ${b.jid}\r`);
  await natter.waitForText(`2:${b.jid}`);
  await bob.send(a.jid, `MSGSTART${HEARTS(36)} MSGEND`);
  await natter.waitForText('MSGSTART');
  await natter.waitForText('MSGEND');

  const rows = await natter.cellRows();
  const text = rows.map((cells) => cells.join(''));
  // The roster pane: its right border is where the top border's corner is, on every row down to its bottom corner.
  const border = (rows[0] ?? []).indexOf('┐');
  const bottom = rows.findIndex((cells) => cells[border] === '┘');
  expect(border).toBeGreaterThan(10);
  expect(bottom).toBeGreaterThan(5);
  const broken = rows.slice(1, bottom).map((cells, i) => [i + 1, cells[border]] as const).filter(([, cell]) => cell !== '│');

  // The message: on the row of its sender's name, right after it, and MSGEND as many columns
  // after MSGSTART as Ink measured between them (before the fix Ink took the hearts for 72
  // columns and wrapped the body below the name).
  const y = rows.findIndex((cells) => cells.join('').includes('MSGSTART'));
  const sender = columnOf(rows[y] ?? [], `${b.jid}: `);
  const start = columnOf(rows[y] ?? [], 'MSGSTART');
  const end = columnOf(rows[y] ?? [], 'MSGEND');
  const between = stringWidth(`MSGSTART${'\u2764'.repeat(36)} `);
  expect({ broken, start, end }, text.join('\n')).toEqual({ broken: [], start: sender + `${b.jid}: `.length, end: start + between });
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});

/** The first column where `word` starts in a row of cells (one character a cell: ASCII words). */
function columnOf(cells: string[], word: string): number {
  for (let x = 0; x + word.length <= cells.length; x++) if (cells.slice(x, x + word.length).join('') === word) return x;
  return -1;
}
