/** @ebok/forms-core: Polish identifier formats, canonical JSON, validation runtime. */
export * from './formats/index.js';
export { canonicalBytes, canonicalJson, isCanonicalJson, parseCanonicalJson } from './canonical/index.js';
export * from './runtime/index.js';
