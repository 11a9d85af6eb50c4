import { afterAll, beforeAll, expect, it } from 'vitest';
import { startProsody, uniqueLocal, type ProsodyServer } from '../support/prosody.js';
import { runNatter, tempDirs } from '../support/pty.js';

// A Prosody of its own: the shared one does not allow in-band registration.
let server: ProsodyServer;
const dirs = tempDirs();
beforeAll(async () => {
  server = await startProsody({ allowRegistration: true });
});
afterAll(async () => {
  await server.stop();
  dirs.remove();
});

it('natter account register creates the account on the server (XEP-0077), saves it, and it can log in', async () => {
  const jid = `${uniqueLocal('new').replaceAll('-', '')}@localhost`;
  const flags = ['--host', server.host, '--port', String(server.c2sPort), '--ca-file', server.caFile];
  const registered = await runNatter(['account', 'register', jid, ...flags], { env: dirs.env, input: 'fresh-Passw0rd\n' });
  expect(registered.stderr).toContain(`Registered ${jid} on the server`);
  expect(registered.stderr).toContain(`Password for ${jid} saved in the Secret Service.`);
  expect(registered.code).toBe(0);

  // The saved account (config + keychain) logs in: natter send exits 0 only after the server took it.
  const sent = await runNatter(['send', '--account', jid, jid, 'note to self'], { env: dirs.env });
  expect(sent.stderr).toBe('');
  expect(sent.code).toBe(0);

  // The name is taken now: registering it again (from another config) is refused.
  const other = tempDirs();
  try {
    const again = await runNatter(['account', 'register', jid, ...flags], { env: other.env, input: 'another-Passw0rd\n' });
    expect(again.stderr).toContain('is already taken');
    expect(again.code).toBe(1);
  } finally {
    other.remove();
  }
  await runNatter(['account', 'remove', jid], { env: dirs.env });
});
