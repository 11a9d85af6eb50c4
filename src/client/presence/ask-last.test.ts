import xml from '@xmpp/xml';
import { expect, it } from 'vitest';
import { askLastActivity } from './ask-last.js';

const stanzaError = (condition: string): Error => Object.assign(new Error(condition), { name: 'StanzaError', condition });

it("asks a device, an account or a server, each answer read for what it counts", async () => {
  const asked: string[] = [];
  const port = {
    ask: async (_child: unknown, to: string) => (asked.push(to), xml('query', { xmlns: 'jabber:iq:last', seconds: '60' }, 'bye')),
    onlineAt: (contact: string) => (contact === 'bob@x' ? 'bob@x/phone' : undefined),
  };
  expect(await askLastActivity(port, 'Bob@X')).toEqual({ jid: 'bob@x/phone', kind: 'idle', seconds: 60, status: 'bye' });
  expect(await askLastActivity(port, 'carol@x')).toMatchObject({ jid: 'carol@x', kind: 'offline' });
  expect(await askLastActivity(port, 'x')).toMatchObject({ jid: 'x', kind: 'uptime' });
  expect(asked).toEqual(['bob@x/phone', 'carol@x', 'x']);
});

it('says who did not answer, and why, inert', async () => {
  const failing = (error: unknown) => ({ ask: () => Promise.reject(error), onlineAt: () => undefined });
  await expect(askLastActivity(failing(stanzaError('forbidden')), 'carol@x')).rejects.toThrow('carol@x does not tell its last activity (forbidden)');
  await expect(askLastActivity(failing(stanzaError('\u001b[31m')), 'x')).rejects.toThrow('x could not be asked its last activity (undefined-condition)');
  await expect(askLastActivity(failing(Object.assign(new Error(''), { name: 'TimeoutError' })), 'x')).rejects.toThrow('x did not answer the last activity query within 10 s');
  const junk = { ask: async () => xml('query', { xmlns: 'jabber:iq:last', seconds: 'soon' }), onlineAt: () => undefined };
  await expect(askLastActivity(junk, 'x')).rejects.toThrow('x answered with a last activity natter can not read (seconds that are not a whole number)');
});
