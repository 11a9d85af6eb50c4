import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { consistentColour, type ColourDepth, type ColourVision } from './consistent-colour.js';
import { makeTheme, type Theme, type ThemeOverrides } from './theme.js';

const ThemeContext = createContext<Theme | null>(null);
/** The colour of a nick or contact (XEP-0392), or undefined for the plain theme colour. */
export type NickColour = (identifier: string) => string | undefined;
const NickColourContext = createContext<NickColour>(() => undefined);
/** How many colours pictures are drawn in: the terminal's depth, 0 under NO_COLOR. */
const ColourDepthContext = createContext<ColourDepth>(0);

/** The config's `ui.nickColours`: on (XEP-0392 uncorrected), off, or with a colour-vision correction. */
export type NickColours = boolean | 'red-green' | 'blue';

interface Props {
  /** The config's `ui.theme`. */
  overrides?: ThemeOverrides | undefined;
  /** Where NO_COLOR is read; the process's environment unless a test gives one. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** The config's `ui.nickColours` (on unless it says false). */
  nickColours?: NickColours | undefined;
  /** How many colours the terminal shows (chalk's level); 256 unless the host says. */
  colourDepth?: ColourDepth | undefined;
  children: ReactNode;
}

/**
 * The resolved theme (defaults, the config's colours, NO_COLOR) for every component below, and
 * the nick colours. Resolved once: the values keep their identity while the props do, so no
 * consumer re-renders for them.
 */
export function ThemeProvider({ overrides, env = process.env, nickColours = true, colourDepth = 2, children }: Props) {
  const theme = useMemo(() => makeTheme(env, overrides), [env, overrides]);
  const nick = useMemo(() => nickColourOf(env, nickColours, colourDepth), [env, nickColours, colourDepth]);
  const depth: ColourDepth = (env.NO_COLOR ?? '') !== '' ? 0 : colourDepth;
  return (
    <ThemeContext.Provider value={theme}>
      <NickColourContext.Provider value={nick}>
        <ColourDepthContext.Provider value={depth}>{children}</ColourDepthContext.Provider>
      </NickColourContext.Provider>
    </ThemeContext.Provider>
  );
}

/** NO_COLOR (set and not empty) and `nickColours: false` leave names in the theme's colours. */
function nickColourOf(env: Readonly<Record<string, string | undefined>>, setting: NickColours, depth: ColourDepth): NickColour {
  if (setting === false || (env.NO_COLOR ?? '') !== '' || depth === 0) return () => undefined;
  const vision: ColourVision = setting === true ? 'none' : setting;
  // A screen shows the same few names on every frame: each is hashed once.
  const known = new Map<string, string | undefined>();
  return (identifier) => {
    if (known.has(identifier)) return known.get(identifier);
    const colour = consistentColour(identifier, depth, vision);
    if (known.size >= 4096) known.clear();
    known.set(identifier, colour);
    return colour;
  };
}

export function useTheme(): Theme {
  const theme = useContext(ThemeContext);
  if (!theme) throw new Error('useTheme outside <ThemeProvider>');
  return theme;
}

/** The XEP-0392 colour of a nick or JID, or undefined where colour is off. */
export function useNickColour(): NickColour {
  return useContext(NickColourContext);
}

/** The depth pictures are drawn at: 0 (not drawn) without colour or under NO_COLOR. */
export function useColourDepth(): ColourDepth {
  return useContext(ColourDepthContext);
}
