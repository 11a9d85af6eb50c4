/**
 * Colour tokens. chalk (under Ink) downgrades them to the terminal's depth (16, 256 or
 * truecolor from TERM/COLORTERM) but does not read NO_COLOR (https://no-color.org): when it
 * is set and not empty, every token is undefined and text keeps its terminal colours.
 * Inverse video (the cursor) is not a colour and stays.
 *
 * Components read the resolved theme with useTheme() (theme-context.tsx), never from a module:
 * the config's colours are known only once the App is rendered.
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
  // Incoming messages keep the terminal's own colour unless the config names one.
  incoming: undefined,
  outgoing: 'magenta',
  action: 'yellow',
  timestamp: 'gray',
} satisfies Record<string, string | undefined>;

export type ThemeToken = keyof typeof colours;
export const THEME_TOKENS = Object.keys(colours) as ThemeToken[];
export type Theme = { readonly [K in ThemeToken]: string | undefined };
/** The config's `ui.theme`: a colour by token, in place of the default. */
export type ThemeOverrides = Readonly<Partial<Record<ThemeToken, string>>>;

/**
 * The default colours with the user's (config `ui.theme`: a colour name as chalk knows it,
 * "#rrggbb", "rgb(r,g,b)" or "ansi256(n)") in their place; NO_COLOR still wins.
 */
export function makeTheme(env: Readonly<Record<string, string | undefined>>, overrides: ThemeOverrides = {}): Theme {
  const noColor = (env.NO_COLOR ?? '') !== '';
  return Object.fromEntries(THEME_TOKENS.map((k) => [k, noColor ? undefined : (overrides[k] ?? colours[k])])) as unknown as Theme;
}
