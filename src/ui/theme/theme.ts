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
  action: 'yellow',
  timestamp: 'gray',
} as const;

export type ThemeToken = keyof typeof colours;
export const THEME_TOKENS = Object.keys(colours) as ThemeToken[];
type Theme = { readonly [K in ThemeToken]: string | undefined };

/**
 * The default colours with the user's (config `ui.theme`: a colour name as chalk knows it,
 * "#rrggbb", "rgb(r,g,b)" or "ansi256(n)") in their place; NO_COLOR still wins.
 */
export function makeTheme(env: Record<string, string | undefined>, overrides: Partial<Record<ThemeToken, string>> = {}): Theme {
  const noColor = (env.NO_COLOR ?? '') !== '';
  return Object.fromEntries(THEME_TOKENS.map((k) => [k, noColor ? undefined : (overrides[k] ?? colours[k])])) as unknown as Theme;
}

export const theme: Theme = makeTheme(process.env);

/** Applies the config's colours before the first frame (components read `theme` as they render). */
export function applyTheme(overrides: Partial<Record<ThemeToken, string>>, env: Record<string, string | undefined> = process.env): void {
  Object.assign(theme, makeTheme(env, overrides));
}
