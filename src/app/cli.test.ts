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

  it('takes natter account list|add|password|remove', () => {
    expect(parseCli(['account', 'list'])).toEqual({ kind: 'account', command: { action: 'list' } });
    expect(parseCli(['account', 'add', 'Me@Office.example', '--host', 'chat.office.example', '--port', '5223', '--direct-tls'])).toEqual({
      kind: 'account',
      command: { action: 'add', account: { jid: 'me@office.example', host: 'chat.office.example', port: 5223, directTls: true } },
    });
    expect(parseCli(['account', 'password', 'me@x'])).toEqual({ kind: 'account', command: { action: 'password', jid: 'me@x' } });
    expect(parseCli(['account', 'remove', 'me@x'])).toEqual({ kind: 'account', command: { action: 'remove', jid: 'me@x' } });
  });

  it.each([
    [['account'], 'natter account needs an action.'],
    [['account', 'frob'], 'Unknown account action: frob.'],
    [['account', 'add'], 'natter account add needs a JID'],
    [['account', 'remove', 'me@x', '--host', 'h'], '--host goes with natter account add.'],
    [['account', 'list', 'me@x'], 'natter account list takes no JID.'],
    [['account', 'add', 'me@x', 'extra'], 'Unexpected argument: extra.'],
  ])('%j is an account usage error', (argv, message) => {
    const result = parseCli(argv);
    expect(result.kind).toBe('usage-error');
    expect(result.kind === 'usage-error' && result.message).toContain(message);
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
