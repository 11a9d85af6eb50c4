import { parse } from 'ltx';
import type xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { registerAccount } from './register.js';

type El = ReturnType<typeof xml>;
const el = (text: string) => parse(text) as unknown as El;

const port = (fields: string, onSet: (query: El) => Promise<El | undefined> = async () => undefined) => {
  const sent: El[] = [];
  return {
    sent,
    iq: {
      get: async () => el(fields),
      set: async (query: El) => {
        sent.push(query);
        return onSet(query);
      },
    },
  };
};

describe('registerAccount (XEP-0077)', () => {
  it('sends the name and password when that is all the server asks, even with a form repeating them', async () => {
    const { iq, sent } = port(`<query xmlns="jabber:iq:register"><instructions>hi</instructions><username/><password/>
      <x xmlns="jabber:x:data" type="form"><field var="FORM_TYPE" type="hidden"/><field var="username"><required/></field><field var="email"/></x></query>`);
    await registerAccount(iq, 'x', 'alice', 'pw');
    expect(sent[0]?.getChildText('username')).toBe('alice');
    expect(sent[0]?.getChildText('password')).toBe('pw');
  });

  it('refuses to guess at a CAPTCHA or other required fields', async () => {
    const { iq, sent } = port(`<query xmlns="jabber:iq:register"><username/><password/>
      <x xmlns="jabber:x:data" type="form"><field var="ocr"><required/></field></x></query>`);
    await expect(registerAccount(iq, 'x', 'alice', 'pw')).rejects.toMatchObject({ name: 'RegistrationError', reason: 'unsupported' });
    expect(sent).toEqual([]);
  });

  it('says the name is taken on conflict', async () => {
    const { iq } = port('<query xmlns="jabber:iq:register"><username/><password/></query>', async () => {
      throw Object.assign(new Error('conflict'), { condition: 'conflict' });
    });
    await expect(registerAccount(iq, 'x', 'alice', 'pw')).rejects.toMatchObject({ reason: 'conflict', message: 'alice@x is already taken; choose another name' });
  });
});
