import { describe, expect, it } from 'vitest';
import { createRegistry } from './builtin/index.js';
import { redactSecrets } from './redact.js';

const registry = createRegistry();
const redact = (line: string, aliases: Record<string, string> = {}) => redactSecrets(line, registry, aliases);

describe('redactSecrets (ArgSpec.secret: the /join password)', () => {
  it('hides the password from the echo and leaves it out of the history entry', () => {
    expect(redact('/join secret@conference.example.org hunter2')).toEqual({
      shown: '/join secret@conference.example.org [password hidden]',
      kept: '/join secret@conference.example.org',
    });
  });

  it('hides a password typed with spaces, quoted or not, and one with an unclosed quote', () => {
    for (const password of ['"correct horse battery"', 'correct horse battery', '"unclosed quote']) {
      expect(redact(`/join r@c.example/nick ${password}`).shown).toBe('/join r@c.example/nick [password hidden]');
    }
  });

  it('keeps the words before the secret as typed, quotes included', () => {
    expect(redact('/JOIN   "r@c.example/my nick"  pw  ')).toEqual({ shown: '/JOIN   "r@c.example/my nick" [password hidden]', kept: '/JOIN   "r@c.example/my nick"' });
  });

  it('hides every argument when the words before the secret can not be read', () => {
    expect(redact('/join "r@c.example pw')).toEqual({ shown: '/join [arguments hidden]', kept: '/join' });
  });

  it('leaves lines without a secret as they are: no password, other commands, messages', () => {
    for (const line of ['/join r@c.example', '/join r@c.example ', '/msg bob@example.org hunter2', 'hunter2', '//join r@c.example hunter2', '/nosuch a b']) {
      expect(redact(line)).toEqual({ shown: line, kept: line });
    }
  });

  it('keeps only the name of an alias that passes a password on', () => {
    expect(redact('/j r@c.example hunter2', { j: '/join $1 $2' })).toEqual({ shown: '/j [arguments hidden]', kept: '/j' });
    expect(redact('/hi bob@example.org hunter2', { hi: '/msg $*' })).toEqual({ shown: '/hi bob@example.org hunter2', kept: '/hi bob@example.org hunter2' });
  });
});
