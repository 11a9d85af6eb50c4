/**
 * Reads a password: typed without echo when stdin is a terminal, else the first line of
 * stdin (for scripts: `pass show xmpp/me | natter account password me@example.org`).
 * Undefined when the person pressed Ctrl-C or Ctrl-D, or stdin was empty.
 */
export async function readSecret(prompt: string, input: NodeJS.ReadStream = process.stdin, out: NodeJS.WritableStream = process.stderr): Promise<string | undefined> {
  if (!input.isTTY) return firstLine(input);
  out.write(prompt);
  input.setRawMode(true);
  input.resume();
  try {
    return await new Promise<string | undefined>((resolve) => {
      let typed = '';
      const onData = (chunk: Buffer): void => {
        for (const char of chunk.toString('utf8')) {
          if (char === '\r' || char === '\n') return finish(typed);
          if (char === '\u0003' || char === '\u0004') return finish(undefined);
          if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
          else if (char >= ' ') typed += char;
        }
      };
      const finish = (value: string | undefined): void => {
        input.off('data', onData);
        resolve(value);
      };
      input.on('data', onData);
    });
  } finally {
    input.setRawMode(false);
    input.pause();
    out.write('\n');
  }
}

async function firstLine(input: NodeJS.ReadableStream): Promise<string | undefined> {
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  const line = text.split(/\r?\n/)[0] ?? '';
  return line === '' ? undefined : line;
}
