import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHooks, HOOK_TIMEOUT_MS } from './hooks.js';
import { NOTIFY_QUIET_MS, notification, notifier } from './notify.js';

const reports = () => {
  const lines: string[] = [];
  let wake: () => void = () => undefined;
  const next = () => new Promise<void>((resolve) => (wake = resolve));
  return { lines, next, report: (kind: string, text: string) => (lines.push(`${kind}: ${text}`), wake()) };
};

describe('event hooks', () => {
  it('runs the program without a shell, the event in its environment', async () => {
    const { lines, next, report } = reports();
    const run = createHooks({ message: ['/bin/sh', '-c', 'printf "%s|%s" "$NATTER_PEER" "$NATTER_BODY"'] }, report);
    const done = next();
    run({ event: 'message', direction: 'in', peer: 'bob@x', body: '$(echo injected); `id`' });
    await done;
    // The body arrives as data: the shell here is the hook's own program, given the body in a variable.
    expect(lines).toEqual(['info: hook message: bob@x|$(echo injected); `id`']);
  });

  it('runs beforeRun (the history commit) before each hook it starts, and only then', async () => {
    const { lines, next, report } = reports();
    const marker = join(mkdtempSync(join(tmpdir(), 'natter-hook-')), 'committed');
    let commits = 0;
    const run = createHooks({ message: ['/bin/cat', marker] }, report, HOOK_TIMEOUT_MS, () => writeFileSync(marker, `commit ${++commits}`));
    run({ event: 'message', direction: 'out', peer: 'bob@x', body: 'mine: no hook' });
    run({ event: 'presence', peer: 'bob@x' }); // no hook for it
    expect(commits).toBe(0);
    const done = next();
    run({ event: 'message', direction: 'in', peer: 'bob@x', body: 'hi' });
    await done;
    expect(lines).toEqual(['info: hook message: commit 1']);
    rmSync(join(marker, '..'), { recursive: true, force: true });
  });

  it('reports a failing, a missing and a hanging hook; ignores our own messages', async () => {
    const { lines, next, report } = reports();
    const run = createHooks({ message: ['/bin/sh', '-c', 'echo oops >&2; exit 3'], connection: ['/bin/sleep', '5'] }, report, 200);
    run({ event: 'message', direction: 'out', peer: 'bob@x', body: 'mine' });
    let done = next();
    run({ event: 'message', direction: 'in', peer: 'bob@x', body: 'x' });
    await done;
    done = next();
    run({ event: 'connection', account: 'me@x', state: 'online' });
    await done;
    expect(lines).toEqual(['error: hook message: /bin/sh exited with 3: oops', 'error: hook connection: /bin/sleep ran over 0.2 s and was stopped']);
    done = next();
    createHooks({ message: ['/nonexistent/program'] }, report)({ event: 'message', direction: 'in', body: 'x' });
    await done;
    expect(lines.at(-1)).toMatch(/^error: hook message: \/nonexistent\/program could not run/);
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
