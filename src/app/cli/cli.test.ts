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

  it('takes natter run with commands', () => {
    expect(parseCli(['run', '/account list', '/msg bob@x hi'])).toEqual({ kind: 'run', commands: ['/account list', '/msg bob@x hi'] });
    expect(parseCli(['run', '/account', '--jid', 'me@x'])).toEqual({ kind: 'run', commands: ['/account'], account: { jid: 'me@x', directTls: false } });
    expect(parseCli(['run'])).toMatchObject({ kind: 'usage-error' });
    expect(parseCli(['run', '/x', '--host', 'h'])).toMatchObject({ kind: 'usage-error', message: '--host needs --jid.' });
  });

  it('takes natter ctl with a command or --events', () => {
    expect(parseCli(['ctl', '/msg', 'bob@x', 'hi'])).toEqual({ kind: 'ctl', command: '/msg bob@x hi', events: false, json: false });
    expect(parseCli(['ctl', '--events'])).toEqual({ kind: 'ctl', events: true, json: false });
    expect(parseCli(['ctl'])).toMatchObject({ kind: 'usage-error' });
    expect(parseCli(['ctl', '--events', '/quit'])).toMatchObject({ kind: 'usage-error' });
    expect(parseCli(['ctl', 'quit'])).toMatchObject({ kind: 'usage-error', message: 'natter ctl: "quit" is not a slash command' });
  });

  it('takes --cmd and --script (both repeatable) for after login, in the order given', () => {
    expect(parseCli(['--cmd', '/msg a@b hi', '--cmd', '/account', '--script', 'f.txt'])).toEqual({ kind: 'ui', startup: { steps: [{ cmd: '/msg a@b hi' }, { cmd: '/account' }, { script: 'f.txt' }] } });
    expect(parseCli(['--script=f.txt', '--cmd', '/msg a@b hi', '--script', 'g.txt', '--cmd=/account'])).toEqual({
      kind: 'ui', startup: { steps: [{ script: 'f.txt' }, { cmd: '/msg a@b hi' }, { script: 'g.txt' }, { cmd: '/account' }] },
    });
    expect(parseCli(['--cmd', 'msg a@b'])).toMatchObject({ kind: 'usage-error', message: expect.stringContaining('--cmd "msg a@b" is not a slash command') });
  });

  it('takes natter send and natter listen with an account choice', () => {
    expect(parseCli(['send', 'Bob@x', 'hello', 'there', '--json'])).toEqual({ kind: 'send', to: 'bob@x', text: 'hello there', follow: false, json: true, from: { kind: 'saved' } });
    expect(parseCli(['send', 'bob@x', '--follow', '--account', 'Me@x'])).toEqual({ kind: 'send', to: 'bob@x', follow: true, json: false, from: { kind: 'saved', jid: 'me@x' } });
    expect(parseCli(['send', '--room', 'Ops@c.x', 'deploy', 'done'])).toEqual({ kind: 'send', to: 'ops@c.x', room: true, text: 'deploy done', follow: false, json: false, from: { kind: 'saved' } });
    expect(parseCli(['send', '--file', 'r.pdf', 'bob@x', 'the', 'report'])).toEqual({ kind: 'send', to: 'bob@x', text: 'the report', file: 'r.pdf', follow: false, json: false, from: { kind: 'saved' } });
    expect(parseCli(['listen', '--jid', 'me@x', '--port', '5999'])).toEqual({
      kind: 'listen', peers: [], json: false, from: { kind: 'one-run', account: { jid: 'me@x', port: 5999, directTls: false } },
    });
    expect(parseCli(['send'])).toMatchObject({ kind: 'usage-error', message: expect.stringContaining('natter send needs a recipient JID first') });
    expect(parseCli(['send', 'bob@x', 'hi', '--follow'])).toMatchObject({ kind: 'usage-error', message: expect.stringContaining('--follow reads the lines to send from stdin') });
    expect(parseCli(['listen', 'nope'])).toMatchObject({ kind: 'usage-error', message: 'natter listen: "nope" is not a JID.' });
    expect(parseCli(['send', 'bob@x', '--jid', 'a@x', '--account', 'b@x'])).toMatchObject({ kind: 'usage-error', message: '--jid and --account can not be used together.' });
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
    [['account', 'remove', 'me@x', '--host', 'h'], '--host goes with natter account add and register.'],
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
    [['--json'], '--with goes with natter search; --json with natter search, send and listen.'],
    [['--follow'], '--account and --follow go with natter send and natter listen.'],
    [['--file', 'a.txt'], '--file goes with natter send.'],
    [['listen', '--file', 'a.txt'], '--file goes with natter send.'],
    [['send', 'bob@x', '--file', ''], '--file needs the path of a file, e.g. natter send --file report.pdf bob@example.org'],
    [['send', 'bob@x', '--file', 'a.txt', '--follow'], '--file and --follow do not go together.'],
    [['send', '--room', 'ops', 'hi'], '--room ops is not a room JID; write it as room@conference.server.'],
    [['listen', '--room', 'ops@c.x'], '--room goes with natter send.'],
    [['--room', 'ops@c.x'], '--room goes with natter send.'],
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
