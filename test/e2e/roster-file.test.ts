import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, inject, it } from 'vitest';
import { natterAndBob } from '../support/natter-and-bob.js';

const info = inject('prosody');
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

it('/roster export writes the documented file; /roster import refuses a bad line by number, and puts a good file in the roster', async () => {
  const { a, b, natter, login } = await natterAndBob(info, cleanup, { cols: 200, contacts: true });
  await natter.waitForText(`+ ${b.local}`);
  natter.type(`/roster group add ${b.jid} Work\r`);
  await natter.waitForText('▾ Work (1/1)');
  const file = join(login.dir, 'roster.txt');
  natter.type(`/roster export ${file}\r`);
  await natter.waitForText(`wrote 1 contact of ${a.jid} to ${file}`);
  expect(readFileSync(file, 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#'))).toEqual([`${b.jid}\t${b.local}\tWork`]);
  natter.type(`/roster export ${file}\r`);
  await natter.waitForText(`${file} exists already; name a new file (natter does not write over one)`);

  const bad = join(login.dir, 'bad.txt');
  writeFileSync(bad, `# contacts\ncarol@localhost\tCarol\tFriends\ncarol\tno domain\n`);
  natter.type(`/roster import ${bad}\r`);
  await natter.waitForText(`${bad} was not imported, nothing changed: line 3: "carol" is not a JID (name@server); fields are separated by tabs`);
  expect(await natter.screenText()).not.toContain('Friends (');

  const good = join(login.dir, 'good.txt');
  writeFileSync(good, `carol@localhost\tCarol\tFriends\n${b.jid}\t${b.local}\tWork\n`);
  natter.type(`/roster import ${good}\r`);
  await natter.waitForText(`imported ${good}: 1 contact added or changed, 1 as they were`);
  await natter.waitForText('▾ Friends (0/1)');
  await natter.waitForText('│  Carol');
  natter.type('/quit\r');
  expect(await natter.waitForExit()).toEqual({ exitCode: 0 });
});
