import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, inject, it, vi } from 'vitest';
import { BACKGROUND_LINES } from '../../src/store/state.js';
import type { PtySession } from '../support/pty.js';
import { natterAndBob } from '../support/natter-and-bob.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

const SENT = BACKGROUND_LINES + 60;
const label = (n: number): string => `early ${String(n).padStart(3, '0')}`;
/** The numbers of the messages on screen, top to bottom. */
const shown = async (natter: PtySession): Promise<number[]> =>
  (await natter.screen()).flatMap((row) => [...row.matchAll(/early (\d{3})/g)].map((m) => Number(m[1])));

/** The lines natter holds in all its tabs (NATTER_DEBUG_COUNTS, written on SIGUSR2). */
async function linesHeld(natter: PtySession, file: string): Promise<number> {
  rmSync(file, { force: true });
  natter.kill('SIGUSR2');
  await vi.waitFor(() => expect(existsSync(file)).toBe(true), { timeout: 5000, interval: 50 });
  return (JSON.parse(readFileSync(file, 'utf8')) as { held: { lines: number } }).held.lines;
}

it(`a chat not in front keeps its newest ${BACKGROUND_LINES} lines; scrolling back there brings the earliest again, in order, once`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'natter-counts-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const counts = join(dir, 'counts.json');
  const { a, b, bob, natter } = await natterAndBob(info, cleanup, { cols: 100, rows: 30, env: { NATTER_DEBUG_COUNTS: counts } });
  for (let i = 0; i < SENT; i++) await bob.send(a.jid, label(i));
  await natter.waitForText(`2:${b.jid} (${SENT})`, 20_000);
  // All of them came while the console was in front: the chat holds its newest ones only.
  expect(await linesHeld(natter, counts)).toBeLessThan(SENT);

  natter.press('alt-2');
  await natter.waitForText(label(SENT - 1));
  // Page up until the first message is on screen; each page reads what is not held from the history.
  for (let page = 0; !(await shown(natter)).includes(0); page++) {
    expect(page, 'pages up to the first message').toBeLessThan(40);
    const top = (await shown(natter))[0];
    natter.press('pageup');
    await vi.waitFor(async () => expect((await shown(natter))[0]).not.toBe(top), { timeout: 5000, interval: 50 });
  }
  // The unread rule is above the first unread message, which had left memory.
  const screen = await natter.screen();
  const first = screen.findIndex((row) => row.includes(label(0)));
  expect(screen[first - 1]).toContain('new messages');

  // Page down to the newest, gathering every message shown: each once, in the order sent.
  const seen: number[] = [];
  for (let page = 0; ; page++) {
    expect(page, 'pages down to the newest').toBeLessThan(40);
    const numbers = await shown(natter);
    numbers.forEach((n, i) => i === 0 || expect(n, `row after ${numbers[i - 1]}`).toBe(numbers[i - 1]! + 1));
    seen.push(...numbers.filter((n) => n > (seen.at(-1) ?? -1)));
    if (numbers.includes(SENT - 1)) break;
    natter.press('pagedown');
    await vi.waitFor(async () => expect((await shown(natter)).at(-1)).not.toBe(numbers.at(-1)), { timeout: 5000, interval: 50 });
  }
  expect(seen).toEqual(Array.from({ length: SENT }, (_, i) => i));

  // Left scrolled back, the chat drops the lines it showed: it comes back at its newest lines.
  for (let i = 0; i < 3; i++) natter.press('pageup');
  await natter.waitForText('scrolled up');
  natter.press('alt-1');
  await vi.waitFor(async () => expect(await shown(natter)).toEqual([]), { timeout: 5000, interval: 50 });
  natter.press('alt-2');
  await natter.waitForText(label(SENT - 1));
  expect(await natter.screenText()).not.toContain('scrolled up');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
