import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function messagesFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

// Each case is a file that does not exist in the tree; ESLint lints the text as if it did.
describe('layering rule (eslint.config.js)', () => {
  it.each([
    ['the XMPP layer importing the UI', 'src/xmpp/bad.ts', "import { App } from '../ui/app.js';\nexport const x = App;\n"],
    ['the XMPP layer importing the store', 'src/xmpp/bad.ts', "import { createStore } from '../store/create-store.js';\nexport const x = createStore;\n"],
    ['the UI importing the XMPP layer', 'src/ui/bad.ts', "import * as session from '../xmpp/session/create-client.js';\nexport const x = session;\n"],
    ['the domain importing the store', 'src/domain/bad.ts', "import { initialState } from '../store/state.js';\nexport const x = initialState;\n"],
    ['the client importing the UI', 'src/client/bad/bad.ts', "import { App } from '../../ui/app.js';\nexport const x = App;\n"],
    ['the client importing a host', 'src/client/bad/bad.ts', "import { main } from '../../app/main.js';\nexport const x = main;\n"],
    ['the store importing the client', 'src/store/bad.ts', "import { createOutbox } from '../client/outbox/outbox.js';\nexport const x = createOutbox;\n"],
  ])('fails on %s', async (_name, filePath, code) => {
    const messages = await messagesFor(filePath, code);
    expect(messages.some((m) => /^(boundaries\/dependencies|no-restricted-imports):/.test(m))).toBe(true);
  });

  it.each([
    ['the UI importing @xmpp/client', 'src/ui/bad.ts', "import { client } from '@xmpp/client';\nexport const x = client;\n"],
    ['the XMPP layer importing ink', 'src/xmpp/bad.ts', "import { Text } from 'ink';\nexport const x = Text;\n"],
    ['the XMPP layer importing react', 'src/xmpp/bad.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
    ['the client importing ink', 'src/client/bad.ts', "import { Text } from 'ink';\nexport const x = Text;\n"],
    ['the client importing react', 'src/client/bad.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
  ])('fails on %s', async (_name, filePath, code) => {
    const messages = await messagesFor(filePath, code);
    expect(messages).toContain(`no-restricted-imports: '${/from '([^']+)'/.exec(code)?.[1]}' import is restricted from being used by a pattern. The ${filePath.split('/')[1]} layer must not import this package (see eslint.config.js).`);
  });

  it('passes on an allowed import (ui → store, client → xmpp, app → everything)', async () => {
    expect(await messagesFor('src/client/ok/ok.ts', "import { createXmppClient } from '../../xmpp/session/create-client.js';\nexport const x = createXmppClient;\n")).toEqual([]);
    expect(await messagesFor('src/ui/ok.ts', "import { initialState } from '../store/state.js';\nexport const x = initialState;\n")).toEqual([]);
    expect(await messagesFor('src/app/ok.ts', "import { App } from '../ui/app.js';\nexport const x = App;\n")).toEqual([]);
  });
});
