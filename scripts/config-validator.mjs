// Writes src/config/validate-config.generated.ts: the config's JSON schema (src/config/schema.ts)
// compiled by ajv once, here, instead of at every start of natter (conf compiled it in its
// constructor: ~70 ms before the first frame). Run after changing the schema:
//   npm run gen:config-validator
// (a unit test fails while the generated file and the schema disagree).
import { writeFileSync } from 'node:fs';
import { validatorSource } from './config-validator-source.mjs';

const target = new URL('../src/config/validate-config.generated.ts', import.meta.url);
writeFileSync(target, await validatorSource());
process.stdout.write(`wrote ${target.pathname}\n`);
