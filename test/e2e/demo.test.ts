import { afterEach, expect, it } from 'vitest';
import { spawnNatter, type PtySession } from '../support/pty.js';

const DEMO = new URL('../../scripts/demo.mjs', import.meta.url).pathname;
const sessions: PtySession[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.dispose()));

it('npm run demo: the echo bot is in the roster, and what to type is on the screen', async () => {
  // What `npm run demo` runs after its build, in a terminal.
  const demo = spawnNatter({ command: [process.execPath, DEMO], cols: 160, rows: 30 });
  sessions.push(demo);
  await demo.waitForText('alice@localhost: online', 20_000);
  // In the roster (subscription both): its row, not "(no contacts)".
  await demo.waitForText(/^│. echo +│/m);
  expect(await demo.screenText()).not.toContain('(no contacts)');
  // The chat with the bot is in front: its answer says what to do.
  await demo.waitForText('echo: hello');
  await demo.waitForText('I am the demo echo bot: write anything here and I send it back.');
  demo.type('second line\r');
  await demo.waitForText('echo: second line');
  // Nothing is printed before the full screen, where it would be hidden.
  expect(demo.output()).not.toContain('natter demo:');
  demo.type('/quit\r');
  expect(await demo.waitForExit(20_000)).toEqual({ exitCode: 0 });
});
