import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageHistory, type NewMessage } from '../../src/history/message-history.js';
import { openHistoryDatabase } from '../../src/history/open-history.js';
import { runNatter, spawnNatter, tempDirs } from '../support/pty.js';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('natter search', () => {
  it('finds a word among 100,000 stored messages and prints it sanitized, newest first', async () => {
    const dirs = tempDirs();
    cleanups.push(dirs.remove);
    const db = openHistoryDatabase(join(dirs.data, 'natter'));
    const history = new MessageHistory(db);
    const batch: NewMessage[] = [];
    for (let i = 0; i < 100_000; i++) {
      batch.push({ account: 'alice@x', peer: i % 2 ? 'bob@x' : 'carol@x', direction: i % 3 ? 'in' : 'out', body: `message ${i} about lunch`, at: 1_700_000_000_000 + i * 1000 });
    }
    history.addMany(batch);
    history.add({ account: 'alice@x', peer: 'bob@x', direction: 'in', body: 'the deploy \u009b31mfailed\u202e', at: 1_800_000_000_000 });
    history.add({ account: 'alice@x', peer: 'carol@x', direction: 'out', body: 'deploy again?', at: 1_800_000_001_000 });
    history.close();

    const all = await runNatter(['search', 'deploy'], { env: dirs.env });
    expect(all.code).toBe(0);
    const lines = all.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/alice@x > carol@x {2}\[deploy\] again\?$/);
    expect(lines[1]).toMatch(/alice@x < bob@x {2}the \[deploy\] failed$/);
    expect(all.stdout).not.toMatch(/\u009b|\u202e/);

    const withBob = await runNatter(['search', 'deploy', '--with', 'bob@x', '--json'], { env: dirs.env });
    expect(withBob.code).toBe(0);
    expect(withBob.stdout).not.toMatch(/\u009b|\u202e/);
    const hit = JSON.parse(withBob.stdout.trim()) as { peer: string; direction: string; at: string; body: string };
    expect(hit).toMatchObject({ peer: 'bob@x', direction: 'in', at: new Date(1_800_000_000_000).toISOString(), body: 'the deploy \u009b31mfailed\u202e' });

    const none = await runNatter(['search', 'zebra'], { env: dirs.env });
    expect(none).toEqual({ code: 1, stdout: '', stderr: 'natter: no message matches "zebra".\n' });
  });

  it('/search in natter lists hits in their own tab; a number and Enter shows one in its chat with context', async () => {
    const dirs = tempDirs();
    cleanups.push(dirs.remove);
    const db = openHistoryDatabase(join(dirs.data, 'natter'));
    const history = new MessageHistory(db);
    history.addMany(Array.from({ length: 1000 }, (_, i) => ({
      account: 'alice@x', peer: 'bob@x', direction: 'in' as const, body: i === 300 ? 'the needle in the haystack' : `filler ${i}`, at: 1_700_000_000_000 + i * 1000,
    })));
    history.close();
    const natter = spawnNatter({ cols: 120, rows: 40, env: dirs.env });
    cleanups.push(() => natter.dispose());
    await natter.waitForText('Your JID:');
    natter.press('escape'); // no account needed to search the history
    await natter.waitForText(/^> /m);
    natter.type('/search needle\r');
    await natter.waitForText('1 message with "needle", newest first.');
    await natter.waitForText(/\[1\] \d{4}-\d\d-\d\d bob@x < the \[needle\] in the haystack/);
    expect(await natter.screenText()).toContain('[2:search: needle]');
    natter.type('1\r');
    await natter.waitForText('── search result 1 below');
    const text = await natter.screenText();
    // Older than the newest 200 the chat would open with: shown with the messages around it.
    for (const body of ['filler 299', 'the needle in the haystack', 'filler 301']) expect(text).toContain(body);
    expect(text.indexOf('filler 299')).toBeLessThan(text.indexOf('needle in the haystack'));
    expect(text).not.toContain('filler 999');
    natter.type('/quit\r');
    expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
  });

  it('/search opens its results at the top: the header and the best hits on screen, and says more are below', async () => {
    const dirs = tempDirs();
    cleanups.push(dirs.remove);
    const history = new MessageHistory(openHistoryDatabase(join(dirs.data, 'natter')));
    history.addMany(Array.from({ length: 80 }, (_, i) => ({
      account: 'alice@x', peer: 'bob@x', direction: 'in' as const, body: `lunch plan number ${i}`, at: 1_700_000_000_000 + i * 1000,
    })));
    history.close();
    const natter = spawnNatter({ cols: 160, rows: 45, env: dirs.env });
    cleanups.push(() => natter.dispose());
    await natter.waitForText('Your JID:');
    natter.press('escape');
    await natter.waitForText(/^> /m);
    natter.type('/search lunch\r');
    await natter.waitForText('[2:search: lunch]');
    await natter.waitForText(/── scrolled up · \d+ more below · Alt-End/);
    const screen = await natter.screenText();
    expect(screen).toContain('80 messages with "lunch", newest first.');
    expect(screen).toMatch(/\[1\] \d{4}-\d\d-\d\d bob@x < \[lunch\] plan number 79/); // the newest, first
    expect(screen).not.toContain('[80]');
    natter.press('alt-end');
    await natter.waitForText('[80] ');
    expect(await natter.screenText()).not.toContain('scrolled up');
    natter.type('/quit\r');
    expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
  });

  it('PageUp past the lines in memory reads older pages from the history', async () => {
    const dirs = tempDirs();
    cleanups.push(dirs.remove);
    const history = new MessageHistory(openHistoryDatabase(join(dirs.data, 'natter')));
    history.addMany(Array.from({ length: 1000 }, (_, i) => ({
      account: 'alice@x', peer: 'bob@x', direction: 'in' as const, body: `old ${i}`, at: 1_700_000_000_000 + i * 1000,
    })));
    history.close();
    // A one-run account that never connects (nothing listens on port 1): the history is local.
    const natter = spawnNatter({ cols: 100, rows: 30, env: dirs.env, args: ['--jid', 'alice@x', '--host', '127.0.0.1', '--port', '1', '--password-command', 'echo x'] });
    cleanups.push(() => natter.dispose());
    await natter.waitForText('1:console');
    natter.type('/msg bob@x\r');
    await natter.waitForText('bob@x: old 999');
    for (let i = 0; i < 12; i++) natter.press('pageup');
    await natter.waitForText(/bob@x: old 6\d\d/); // before the newest 200 the tab opened with
    natter.press('ctrl-c');
    expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
  });
});
