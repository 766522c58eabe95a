import { jsonEqual } from './condition.js';

/** Deep equality for `uniqueItems`, `enum` and `const`; replaces ajv's runtime helper in generated validators. */
export default jsonEqual;
