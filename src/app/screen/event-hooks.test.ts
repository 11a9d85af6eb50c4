import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHooks, HOOK_TIMEOUT_MS } from './event-hooks.js';
import { NOTIFY_QUIET_MS, notification, notifier } from './notify.js';

const reports = () => {
  const lines: string[] = [];
  let wake: () => void = () => undefined;
  const next = () => new Promise<void>((resolve) => (wake = resolve));
  return { lines, next, report: (kind: string, text: string) => (lines.push(`${kind}: ${text}`), wake()) };
};

/** What every message event carries besides its own fields. */
const BASE = { account: 'me@x', at: '2026-12-07T10:00:00.000Z' } as const;

describe('event hooks', () => {
  it('runs the program without a shell, the event in its environment', async () => {
    const { lines, next, report } = reports();
    const run = createHooks({ message: ['/bin/sh', '-c', 'printf "%s|%s" "$NATTER_PEER" "$NATTER_BODY"'] }, report);
    const done = next();
    run({ ...BASE, event: 'message', direction: 'in', peer: 'bob@x', body: '$(echo injected); `id`' });
    await done;
    // The body arrives as data: the shell here is the hook's own program, given the body in a variable.
    expect(lines).toEqual(['info: hook message: bob@x|$(echo injected); `id`']);
  });

  it('runs beforeRun (the history commit) before each hook it starts, and only then', async () => {
    const { lines, next, report } = reports();
    const marker = join(mkdtempSync(join(tmpdir(), 'natter-hook-')), 'committed');
    let commits = 0;
    const run = createHooks({ message: ['/bin/cat', marker] }, report, HOOK_TIMEOUT_MS, () => writeFileSync(marker, `commit ${++commits}`));
    run({ ...BASE, event: 'message', direction: 'out', peer: 'bob@x', body: 'mine: no hook' });
    run({ ...BASE, event: 'presence', peer: 'bob@x', show: 'online' }); // no hook for it
    expect(commits).toBe(0);
    const done = next();
    run({ ...BASE, event: 'message', direction: 'in', peer: 'bob@x', body: 'hi' });
    await done;
    expect(lines).toEqual(['info: hook message: commit 1']);
    rmSync(join(marker, '..'), { recursive: true, force: true });
  });

  it('reports a failing, a missing and a hanging hook; ignores our own messages', async () => {
    const { lines, next, report } = reports();
    const run = createHooks({ message: ['/bin/sh', '-c', 'echo oops >&2; exit 3'], connection: ['/bin/sleep', '5'] }, report, 200);
    run({ ...BASE, event: 'message', direction: 'out', peer: 'bob@x', body: 'mine' });
    let done = next();
    run({ ...BASE, event: 'message', direction: 'in', peer: 'bob@x', body: 'x' });
    await done;
    done = next();
    run({ event: 'connection', account: 'me@x', state: 'online' });
    await done;
    expect(lines).toEqual(['error: hook message: /bin/sh exited with 3: oops', 'error: hook connection: /bin/sleep ran over 0.2 s and was stopped']);
    done = next();
    createHooks({ message: ['/nonexistent/program'] }, report)({ ...BASE, event: 'message', direction: 'in', peer: 'bob@x', body: 'x' });
    await done;
    expect(lines.at(-1)).toMatch(/^error: hook message: \/nonexistent\/program could not run/);
  });
});

/** Whether `pid` is a live process (a zombie waiting for its parent to read its status is not). */
const alive = (pid: number): boolean => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0] !== 'Z';
  } catch {
    return false;
  }
};

describe('event hooks against what a stranger can send', () => {
  it('a hook that overruns is stopped with everything it started: its grandchild dies too', async () => {
    const { lines, next, report } = reports();
    const dir = mkdtempSync(join(tmpdir(), 'natter-hook-'));
    const pidFile = join(dir, 'grandchild');
    const run = createHooks({ message: ['/bin/sh', '-c', `sleep 1000 & echo $! > '${pidFile}'; wait`] }, report, 300);
    const done = next();
    run({ ...BASE, event: 'message', direction: 'in', peer: 'bob@x', body: 'x' });
    await expect.poll(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').endsWith('\n')).toBe(true);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    try {
      expect(alive(grandchild)).toBe(true);
      await expect.poll(() => alive(grandchild), { timeout: 5_000 }).toBe(false);
      await done;
      expect(lines).toEqual(['error: hook message: /bin/sh ran over 0.3 s and was stopped']);
    } finally {
      if (alive(grandchild)) process.kill(grandchild, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a body with NUL or over 128 KiB of UTF-8 reaches the hook bounded, with a note, instead of throwing', async () => {
    const { lines, next, report } = reports();
    const run = createHooks({ message: ['/bin/sh', '-c', 'printf "%s %s" "${NATTER_BODY_TRUNCATED:-whole}" "$(printf %s "$NATTER_BODY" | wc -c)"'] }, report);
    let done = next();
    run({ ...BASE, event: 'message', direction: 'in', peer: 'bob@x', body: 'a\u0000b' });
    await done;
    expect(lines).toEqual(['info: hook message: whole 2']);
    done = next();
    run({ ...BASE, event: 'message', direction: 'in', peer: 'bob@x', body: '😀'.repeat(32_768) }); // 131,072 bytes
    await done;
    expect(lines.at(-1)).toBe("info: hook message: NATTER_BODY was cut to 65,536 bytes (NATTER_BODY_TRUNCATED=1 says so); the whole text is in natter's history");
    await next();
    expect(lines.at(-1)).toBe('info: hook message: 1 65536');
  });

  it('a program Node refuses to start (thrown, not emitted) is reported, and later hooks still run', async () => {
    const { lines, next, report } = reports();
    const run = createHooks({ message: ['/bin/echo\u0000x'], connection: ['/bin/echo', 'up'] }, report);
    let done = next();
    run({ ...BASE, event: 'message', direction: 'in', peer: 'bob@x', body: 'x' });
    await done;
    expect(lines.at(-1)).toMatch(/^error: hook message: \/bin\/echo.x could not run \(.*null bytes/);
    done = next();
    run({ event: 'connection', account: 'me@x', state: 'online' });
    await done;
    expect(lines.at(-1)).toBe('info: hook connection: up');
  });

  it('runs no hook for what the archive catch-up brings', () => {
    const { lines, report } = reports();
    let started = 0;
    const run = createHooks({ message: ['/bin/true'], file: ['/bin/true'] }, report, HOOK_TIMEOUT_MS, () => started++);
    run({ ...BASE, event: 'message', direction: 'in', peer: 'bob@x', body: 'old', archived: true });
    run({ ...BASE, event: 'file', peer: 'bob@x', url: 'https://x/f', body: 'https://x/f', archived: true });
    run({ ...BASE, event: 'message', direction: 'in', room: 'r@muc', nick: 'n', private: true, body: 'old', archived: true });
    expect(started).toBe(0);
    expect(lines).toEqual([]);
  });
});

describe('terminal notifications', () => {
  it('writes BEL, OSC 9 or OSC 777 with text that can not end the sequence early', () => {
    expect(notification('off', 'bob', 'hi')).toBe('');
    expect(notification('bell', 'bob', 'hi')).toBe('\u0007');
    expect(notification('osc9', 'bob@x', 'hi\u0007\u001b]0;pwned')).toBe('\u001b]9;bob@x: hi\u0007'); // the OSC inside is stripped whole
    expect(notification('osc777', 'bob@x', 'a;b')).toBe('\u001b]777;notify;natter;bob@x: a,b\u0007');
  });

  it('notifies once per conversation in a burst, and again after a quiet spell', () => {
    let clock = 1_000_000;
    const notify = notifier('osc9', () => clock);
    expect(notify('bob@x', 'bob@x', 'one')).toBe('\u001b]9;bob@x: one\u0007');
    clock += 10;
    expect(notify('bob@x', 'bob@x', 'two')).toBe(''); // the same burst
    expect(notify('carol@x', 'carol@x', 'hi')).toBe('\u001b]9;carol@x: hi\u0007'); // another conversation
    clock += NOTIFY_QUIET_MS;
    expect(notify('bob@x', 'bob@x', 'later')).toBe('\u001b]9;bob@x: later\u0007');
    expect(notifier('off')('bob@x', 'bob@x', 'x')).toBe('');
  });
});
