import { describe, expect, it } from 'vitest';
import { runScript } from './script.js';
import { fail, ok } from './types.js';

const runner = () => {
  const ran: string[] = [];
  const run = async (line: string) => {
    ran.push(line);
    return line.includes('bad') ? fail('it went wrong') : ok();
  };
  return { ran, run };
};

describe('runScript', () => {
  it('runs commands in order, skipping comments and blank lines', async () => {
    const { ran, run } = runner();
    const result = await runScript('# setup\n/a one\n\n  /b two  \n', 'start.txt', run);
    expect(ran).toEqual(['/a one', '/b two']);
    expect(result).toEqual({ ok: true, text: 'start.txt: 2 commands run.' });
  });

  it('stops at the first failure and names the line', async () => {
    const { ran, run } = runner();
    const result = await runScript('/a\n/bad\n/c\n', 'f', run);
    expect(ran).toEqual(['/a', '/bad']);
    expect(result).toEqual({ ok: false, error: 'f:2: it went wrong\nf: stopped at line 2; the lines after it were not run.' });
  });

  it('keeps going when asked, and reports every failure', async () => {
    const { ran, run } = runner();
    const result = await runScript('/bad 1\nhello\n/c\n', 'f', run, { keepGoing: true });
    expect(ran).toEqual(['/bad 1', '/c']);
    expect(result).toEqual({ ok: false, error: 'f:1: it went wrong\nf:2: "hello" is not a command (commands start with /)\nf: 2 of 3 commands failed.' });
  });
});
