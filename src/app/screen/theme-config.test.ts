import { expect, it } from 'vitest';
import { configSchema } from '../../config/schema.js';
import { THEME_TOKENS } from '../../ui/theme/theme.js';

// The config layer may not import the UI, so it lists the colour tokens itself: keep them equal.
it('the config schema accepts exactly the theme tokens', () => {
  const ui = configSchema.ui as { properties: { theme: { propertyNames: { enum: string[] } } } };
  expect([...ui.properties.theme.propertyNames.enum].sort()).toEqual([...THEME_TOKENS].sort());
});
