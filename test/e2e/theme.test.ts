import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

// Colours no default uses, so a token that does not reach what it names shows as another colour.
const THEME = { error: '#ff0001', command: '#f4f400', incoming: '#00ff02', outgoing: '#0000f3' };

it('ui.theme colours error and command lines and incoming and outgoing messages as drawn in the terminal', async () => {
  const { a, b, bob, natter } = await natterAndBob(info, cleanup, {
    cols: 120,
    env: { COLORTERM: 'truecolor' }, // 24-bit colour: the cells carry the config's exact colours
    config: () => ({ ui: { theme: THEME } }),
  });
  natter.type('/nosuch\r');
  await natter.waitForText('Unknown command /nosuch');
  expect(await natter.lookOf('/nosuch')).toEqual({ fg: THEME.command, inverse: false });
  expect(await natter.lookOf('Unknown command /nosuch')).toEqual({ fg: THEME.error, inverse: false });

  natter.type(`/msg ${b.jid} hi bob\r`);
  await bob.waitForMessage((m) => m.body === 'hi bob');
  await bob.send(a.jid, 'hello alice');
  await natter.waitForText('hello alice');
  expect(await natter.lookOf('me: hi bob')).toEqual({ fg: THEME.outgoing, inverse: false });
  // The sender's name is in its XEP-0392 colour (nick-colours.test.ts), the text after it in the theme's.
  expect(await natter.lookOf(': hello alice')).toEqual({ fg: THEME.incoming, inverse: false });
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
