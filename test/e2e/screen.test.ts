import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnNatter, tempDirs, type PtySession } from '../support/pty.js';

const sessions: PtySession[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.dispose()));

function start(options?: Parameters<typeof spawnNatter>[0]): PtySession {
  const session = spawnNatter(options);
  sessions.push(session);
  return session;
}

/** Without an account natter opens on the first-run question; Escape leaves it for later. */
async function skipFirstRun(natter: PtySession): Promise<void> {
  await natter.waitForText('Your JID:');
  natter.press('escape');
  await natter.waitForText(/^> /m);
}

describe('the screen in a terminal', () => {
  it('opens on the alternate screen with the roster, the console tab, status and prompt; /quit exits 0', async () => {
    // Tall enough for the welcome and the whole /help list below it.
    const natter = start({ cols: 100, rows: 60 });
    await natter.waitForText('1:console');
    expect(natter.bufferType()).toBe('alternate');
    await skipFirstRun(natter);
    const rows = await natter.screen();
    expect(rows[1]).toMatch(/^│Roster/);
    expect(rows[58]).toContain('natter | no account | console');
    expect(rows[59]).toMatch(/^>/);

    natter.type('/help');
    natter.press('enter');
    await natter.waitForText(/\/quit +Leave natter/);
    expect(await natter.screenText()).toMatch(/\/help +List the commands/);

    natter.type('/quit');
    natter.press('enter');
    expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
    expect(natter.bufferType()).toBe('normal');
    expect(await natter.screenText()).not.toContain('1:console');
  });

  it('draws and answers keys with CI set in the environment (Ink would take it for no terminal)', async () => {
    const natter = start({ cols: 100, rows: 30, env: { CI: 'true', CONTINUOUS_INTEGRATION: '1' } });
    await natter.waitForText('1:console');
    expect(natter.bufferType()).toBe('alternate');
    await skipFirstRun(natter);
    natter.type('/help');
    natter.press('enter');
    await natter.waitForText(/\/quit +Leave natter/);
    expect(natter.output()).toContain('\u001b[7m'); // styles kept: the cursor and the current tab show
    natter.type('/quit');
    natter.press('enter');
    expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
    expect(natter.bufferType()).toBe('normal');
  });

  it('leaves cleanly on Ctrl-C and on SIGTERM, restoring the terminal', async () => {
    const a = start();
    await a.waitForText('1:console');
    a.press('ctrl-c');
    expect(await a.waitForExit()).toEqual({ exitCode: 0 });
    expect(a.bufferType()).toBe('normal');

    const b = start();
    await b.waitForText('1:console');
    b.kill('SIGTERM');
    expect((await b.waitForExit()).exitCode).toBe(0);
    expect(b.bufferType()).toBe('normal');
  });

  it('Tab completes file paths for /source: into a directory, then a file, quoted when it has a space', async () => {
    const natter = start();
    mkdirSync(join(natter.dirs.home, 'scripts'));
    writeFileSync(join(natter.dirs.home, 'scripts', 'morning.txt'), '# nothing\n');
    await skipFirstRun(natter);
    natter.type('/source ~/scr');
    await natter.waitForText('> /source ~/scr');
    natter.press('tab');
    await natter.waitForText('> /source ~/scripts/');
    natter.type('mo');
    natter.press('tab');
    await natter.waitForText('> /source ~/scripts/morning.txt ');
    natter.press('enter');
    await natter.waitForText('/source ~/scripts/morning.txt');
    // A name with a space is completed in quotes, and the command reads it as one path.
    writeFileSync(join(natter.dirs.home, 'scripts', 'evening notes.txt'), '/roster hide\n');
    natter.type('/source ~/scripts/ev');
    natter.press('tab');
    await natter.waitForText('> /source "~/scripts/evening notes.txt" ');
    natter.press('enter');
    await natter.waitForText(/^ \[1:console\]/m); // the file ran: the roster pane is hidden
    natter.type('/quit\r');
    expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
  });

  it('reports an unknown command in the console and keeps running', async () => {
    const natter = start();
    await skipFirstRun(natter);
    natter.type('/frob\r');
    await natter.waitForText('Unknown command /frob. Type /help for the list of commands.');
    natter.type('/qu');
    await natter.waitForText('> /qu');
    natter.press('tab');
    await natter.waitForText('> /quit');
    natter.press('enter');
    expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
  });

  it('shows a command typed in a chat tab, and what it says, in that tab: /help and an unknown command', async () => {
    // A one-run account that never connects (nothing listens on port 1): a chat tab without a server.
    // Tall enough for the whole /help list below the command.
    const natter = start({ cols: 120, rows: 60, args: ['--jid', 'alice@x', '--host', '127.0.0.1', '--port', '1', '--password-command', 'echo x'] });
    await natter.waitForText('1:console');
    natter.type('/msg bob@x\r');
    await natter.waitForText('[2:bob@x]');
    natter.type('/help\r');
    await natter.waitForText(/\/quit +Leave natter/);
    let screen = await natter.screenText();
    expect(screen).toMatch(/^│.*│ \d\d:\d\d \/help$/m); // the command, above what it said
    expect(screen).toContain('Commands (/help NAME for details):');
    expect(screen).toContain('| bob@x'); // still the chat on the status line
    natter.type('/nosuchcommand\r');
    await natter.waitForText('Unknown command /nosuchcommand. Type /help for the list of commands.');
    natter.press('alt-1');
    await natter.waitForText(/\| console\s*$/m);
    await natter.waitForText('Type /help for the commands');
    screen = await natter.screenText();
    expect(screen).not.toContain('Unknown command /nosuchcommand');
    expect(screen).not.toContain('Commands (/help NAME for details):');
    natter.type('/quit\r');
    expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
  });

  it('redraws to the new size on resize and says when it is too small', async () => {
    const natter = start({ cols: 100, rows: 30 });
    await natter.waitForText('1:console');
    natter.resize(60, 20);
    // The status line moves to the new second-to-last row.
    await expect.poll(async () => (await natter.screen()).findIndex((row) => row.includes('natter | no account'))).toBe(18);
    natter.resize(30, 10);
    await natter.waitForText('Terminal too small (30x10)');
    natter.resize(80, 24);
    await natter.waitForText('1:console');
  });

  it('hides, shows and resizes the roster pane with /roster', async () => {
    const natter = start({ cols: 100, rows: 30 });
    await skipFirstRun(natter);
    natter.type('/roster hide\r');
    await expect.poll(async () => (await natter.screen())[0]).toMatch(/^ ?\[1:console\]/);
    natter.type('/roster size 40\r');
    natter.type('/roster show\r');
    await expect.poll(async () => (await natter.screen())[0]?.indexOf('[1:console]')).toBe(41);
    natter.type('/roster size 3\r');
    await natter.waitForText('/roster size needs a whole number of columns');
  });
});

describe('colours', () => {
  it('uses no colour at all with NO_COLOR set, and still shows the cursor and the current tab', async () => {
    const natter = start({ cols: 100, rows: 30, env: { NO_COLOR: '1' } });
    await skipFirstRun(natter);
    natter.type('/help\r');
    await natter.waitForText(/\/quit +Leave natter/);
    // SGR 30–37, 40–47, 90–97, 100–107 and 38;/48; (256 and truecolor) are colours.
    // eslint-disable-next-line no-control-regex
    const sgr = [...natter.output().matchAll(/\u001b\[([0-9;]*)m/g)].map((match) => match[1] ?? '');
    expect(sgr.length).toBeGreaterThan(0);
    expect(sgr.filter((params) => params.split(';').some((p) => /^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$/.test(p)))).toEqual([]);
    expect(natter.output()).toContain('\u001b[7m'); // inverse video: the cursor and the current tab
    natter.type('/quit\r');
    expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
  });

  it('takes its colours from ui.theme in the config (a bright magenta prompt here)', async () => {
    const dirs = tempDirs();
    mkdirSync(join(dirs.config, 'natter'), { recursive: true });
    writeFileSync(join(dirs.config, 'natter', 'config.json'), JSON.stringify({ ui: { theme: { prompt: 'magentaBright' } } }));
    const natter = start({ cols: 100, rows: 30, env: dirs.env });
    await skipFirstRun(natter);
    expect(natter.output()).toContain('\u001b[95m'); // SGR 95: bright magenta, used by no default colour
    natter.type('/quit\r');
    expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
    dirs.remove();
  });

  it('takes punctuation keys from ui.keys (alt+=, ctrl+], alt+,) and they work', async () => {
    const dirs = tempDirs();
    mkdirSync(join(dirs.config, 'natter'), { recursive: true });
    const keys = { 'roster.wider': ['alt+=', 'ctrl+]'], 'roster.narrower': ['alt+,'], 'app.help': ['alt+/'] };
    writeFileSync(join(dirs.config, 'natter', 'config.json'), JSON.stringify({ ui: { keys } }));
    const natter = start({ cols: 100, rows: 70, env: dirs.env }); // tall: Alt-H's whole list fits
    await skipFirstRun(natter);
    // The roster pane's width: where its top border ends.
    const rosterWidth = async (): Promise<number> => ((await natter.screen())[0] ?? '').indexOf('┐') + 1;
    expect(await rosterWidth()).toBe(24);
    natter.write('\u001b=');
    await expect.poll(rosterWidth).toBe(26);
    natter.write('\u001d'); // Ctrl-]
    await expect.poll(rosterWidth).toBe(28);
    natter.write('\u001b,');
    await expect.poll(rosterWidth).toBe(26);
    natter.write('\u001b/');
    await natter.waitForText(/alt\+=, ctrl\+\] +Make the roster pane two columns wider/);
    expect(await natter.screenText()).toMatch(/alt\+, +Make the roster pane two columns narrower/);
    natter.write('\u001b/');
    await expect.poll(() => natter.screenText()).not.toContain('two columns wider');
    natter.type('/quit\r');
    expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
    dirs.remove();
  });

  it('draws the console\'s command and error lines in the colours ui.theme gives them', async () => {
    const dirs = tempDirs();
    mkdirSync(join(dirs.config, 'natter'), { recursive: true });
    writeFileSync(join(dirs.config, 'natter', 'config.json'), JSON.stringify({ ui: { theme: { error: 'redBright', command: 'blueBright' } } }));
    const natter = start({ cols: 100, rows: 30, env: dirs.env });
    await skipFirstRun(natter);
    natter.type('/nosuch\r');
    await natter.waitForText('Unknown command /nosuch');
    // SGR 91 and 94 (bright red, bright blue) are no default colour: only the config's.
    expect(natter.output()).toContain('\u001b[94m/nosuch');
    expect(natter.output()).toContain('\u001b[91mUnknown command /nosuch');
    natter.type('/quit\r');
    expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
    dirs.remove();
  });
});
