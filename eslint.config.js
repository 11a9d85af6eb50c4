import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/**
 * Layers (folders under src/) and who may import whom. Dependencies point one way:
 * domain is innermost; ui never reaches the XMPP layer; the XMPP layer never reaches the UI
 * or the store; the headless client (client/) never reaches the UI or the hosts; only app/
 * (the hosts: the CLI verbs and the screen) knows every layer. See ARCHITECTURE.md.
 */
const LAYERS = ['app', 'client', 'domain', 'config', 'credentials', 'xmpp', 'store', 'history', 'commands', 'ui'];
const MAY_IMPORT = {
  app: LAYERS,
  client: ['domain', 'config', 'credentials', 'xmpp', 'store', 'history', 'commands', 'client'],
  domain: ['domain'],
  config: ['domain', 'config'],
  credentials: ['domain', 'config', 'credentials'],
  xmpp: ['domain', 'xmpp'],
  store: ['domain', 'store'],
  history: ['domain', 'history'],
  commands: ['domain', 'store', 'commands'],
  ui: ['domain', 'store', 'commands', 'ui'],
};
/** Packages a layer must never import, whatever path it takes. */
const FORBIDDEN_PACKAGES = {
  client: ['react', 'react/*', 'ink', 'ink-*', '@inkjs/*', '**/ui/*', '**/app/*'],
  ui: ['@xmpp/*', '@napi-rs/keyring', 'node:sqlite', 'conf', '**/xmpp/*', '**/credentials/*', '**/history/*', '**/config/*'],
  xmpp: ['react', 'react/*', 'ink', 'ink-*', '@inkjs/*', '**/ui/*', '**/store/*'],
  store: ['react', 'ink', '@xmpp/*'],
  domain: ['react', 'ink', '@xmpp/*', 'conf'],
  commands: ['react', 'ink', '@xmpp/*'],
  history: ['react', 'ink', '@xmpp/*'],
};

const layerRoot = 'src';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench/results.json', 'src/**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: [`${layerRoot}/**/*.{ts,tsx}`],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { alwaysTryTypes: true, project: './tsconfig.json' } },
      'boundaries/include': [`${layerRoot}/**/*`],
      'boundaries/elements': [
        ...LAYERS.map((type) => ({ type, pattern: `${layerRoot}/${type}` })),
      ],
    },
    rules: {
      'boundaries/no-unknown-files': 'error',
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: Object.entries(MAY_IMPORT).map(([from, to]) => ({
            from: { element: { type: from } },
            allow: { to: { element: { types: { anyOf: to } } } },
          })),
        },
      ],
      // Terminal output goes through Ink; console.* corrupts the frame.
      'no-console': 'error',
    },
  },
  ...Object.entries(FORBIDDEN_PACKAGES).map(([layer, patterns]) => ({
    files: [`${layerRoot}/${layer}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: patterns, message: `The ${layer} layer must not import this package (see eslint.config.js).` }] },
      ],
    },
  })),
  {
    files: ['src/**/*.test.{ts,tsx}', 'test/**/*.{ts,tsx}', 'scripts/**', 'bench/**', 'bin/**'],
    rules: { 'no-console': 'off' },
  },
);
