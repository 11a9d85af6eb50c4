/**
 * Colour tokens. chalk (under Ink) downgrades them to the terminal's depth (16, 256 or
 * truecolor from TERM/COLORTERM) but does not read NO_COLOR (https://no-color.org): when it
 * is set and not empty, every token is undefined and text keeps its terminal colours.
 * Inverse video (the cursor) is not a colour and stays.
 */
const colours = {
  border: 'gray',
  title: 'cyan',
  activeTab: 'black',
  activeTabBg: 'cyan',
  unread: 'yellow',
  statusFg: 'black',
  statusBg: 'blue',
  prompt: 'cyan',
  error: 'red',
  info: 'gray',
  command: 'blue',
  incoming: 'green',
  outgoing: 'magenta',
  timestamp: 'gray',
} as const;

type Theme = { readonly [K in keyof typeof colours]: string | undefined };

export function makeTheme(env: Record<string, string | undefined>): Theme {
  const noColor = (env.NO_COLOR ?? '') !== '';
  return Object.fromEntries(Object.entries(colours).map(([k, v]) => [k, noColor ? undefined : v])) as unknown as Theme;
}

export const theme: Theme = makeTheme(process.env);
