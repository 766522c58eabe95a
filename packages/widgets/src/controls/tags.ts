/**
 * The field controls' tags: the one list of them. The loader (src/index.ts) loads the controls'
 * chunk for each, and controls/index.ts does not compile unless it names every control registered
 * there and nothing else. No code of the controls comes with it.
 */
export const controlTags = [
  'ebok-text-field',
  'ebok-textarea',
  'ebok-number-field',
  'ebok-date-field',
  'ebok-select',
  'ebok-radio-group',
  'ebok-checkbox',
  'ebok-checkbox-group',
  'ebok-repeatable',
  'ebok-address',
  'ebok-identifier-field',
  'ebok-file-field',
] as const;

export type ControlTag = (typeof controlTags)[number];
