// Stands in for ajv and ajv-formats inside conf in the bundle (scripts/bundle.mjs says why).
const unused = () => {
  throw new Error('natter validates its config with the validator compiled at build time; conf must not be given a schema');
};
export class Ajv2020 {
  constructor() {
    unused();
  }
}
export default Object.assign(unused, { default: unused });
