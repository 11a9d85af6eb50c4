/**
 * Reads a password: typed without echo when stdin is a terminal, else the first line of
 * stdin (for scripts: `pass show xmpp/me | natter account password me@example.org`); a second
 * call takes the next line.
 * Undefined when the person pressed Ctrl-C or Ctrl-D, or stdin was empty.
 */
export async function readSecret(prompt: string, input: NodeJS.ReadStream = process.stdin, out: NodeJS.WritableStream = process.stderr): Promise<string | undefined> {
  if (!input.isTTY) return firstLine(input);
  // Echo off before the prompt shows: what is typed as soon as the prompt appears (a paste,
  // a fast typist, a script) must not be echoed by the terminal.
  input.setRawMode(true);
  out.write(prompt);
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

/** Lines of a piped stdin, read once (a stream can not be iterated twice), one per call. */
const piped = new WeakMap<NodeJS.ReadableStream, Promise<string[]>>();

async function firstLine(input: NodeJS.ReadableStream): Promise<string | undefined> {
  let lines = piped.get(input);
  if (!lines) {
    lines = (async () => {
      let text = '';
      for await (const chunk of input) text += String(chunk);
      return text.split(/\r?\n/);
    })();
    piped.set(input, lines);
  }
  const line = (await lines).shift();
  return line === undefined || line === '' ? undefined : line;
}
