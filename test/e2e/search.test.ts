import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageHistory, type NewMessage } from '../../src/history/message-history.js';
import { openHistoryDatabase } from '../../src/history/open-history.js';
import { runNatter, tempDirs } from '../support/pty.js';

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
    db.close();

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
});
