// The custom-elements manifest (dist/custom-elements.json): what editors' tools and Storybook
// read for attributes, properties, events, slots, parts and CSS properties.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/controls/control-contract.ts', 'src/generated/locales/**'],
  outdir: 'dist',
  litelement: true,
};
