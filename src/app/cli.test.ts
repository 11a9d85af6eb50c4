import { describe, expect, it } from 'vitest';
import { parseCli } from './cli.js';

describe('parseCli', () => {
  it('opens the UI with no arguments', () => {
    expect(parseCli([])).toEqual({ kind: 'ui' });
  });

  it('takes a one-run account', () => {
    expect(parseCli(['--jid', 'Alice@Localhost', '--host', '127.0.0.1', '--port', '5999', '--ca-file', '/ca.pem', '--password-command', 'pass show x'])).toEqual({
      kind: 'ui',
      account: { jid: 'alice@localhost', host: '127.0.0.1', port: 5999, directTls: false, caFile: '/ca.pem', passwordCommand: 'pass show x' },
    });
  });

  it('takes natter search with words, --with and --json', () => {
    expect(parseCli(['search', 'deploy', 'failed', '--with', 'Bob@x', '--json'])).toEqual({ kind: 'search', words: 'deploy failed', peer: 'bob@x', json: true });
  });

  it.each([
    [['search'], 'natter search needs words to look for, e.g. natter search deploy failed'],
    [['search', 'x', '--with', 'bob'], '--with bob is not a JID.'],
    [['--json'], '--with and --json go with natter search.'],
    [['frobnicate'], 'Unknown command: frobnicate. Run natter --help for usage.'],
    [['--host', 'h'], '--host needs --jid.'],
    [['--direct-tls'], '--direct-tls needs --jid.'],
    [['--jid', 'alice'], '--jid alice is not a bare JID; write it as name@server.'],
    [['--jid', 'a@b/res'], '--jid a@b/res is not a bare JID; write it as name@server.'],
    [['--jid', 'a@b', '--port', '70000'], '--port 70000 is not a port number (1-65535).'],
  ])('%j is a usage error', (argv, message) => {
    expect(parseCli(argv)).toEqual({ kind: 'usage-error', message });
  });
});
