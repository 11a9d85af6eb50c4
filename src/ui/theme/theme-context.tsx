import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { makeTheme, type Theme, type ThemeOverrides } from './theme.js';

const ThemeContext = createContext<Theme | null>(null);

interface Props {
  /** The config's `ui.theme`. */
  overrides?: ThemeOverrides | undefined;
  /** Where NO_COLOR is read; the process's environment unless a test gives one. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  children: ReactNode;
}

/**
 * The resolved theme (defaults, the config's colours, NO_COLOR) for every component below.
 * Resolved once: the value keeps its identity while the overrides do, so no consumer
 * re-renders for it.
 */
export function ThemeProvider({ overrides, env = process.env, children }: Props) {
  const theme = useMemo(() => makeTheme(env, overrides), [env, overrides]);
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  const theme = useContext(ThemeContext);
  if (!theme) throw new Error('useTheme outside <ThemeProvider>');
  return theme;
}
