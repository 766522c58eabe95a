// The field controls, registered together (the loader maps every tag of tags.ts to this chunk).
import type { FormControl } from './form-control.js';
import type { ControlTag } from './tags.js';

export { FormControl, type ControlValidity } from './form-control.js';
export { StringControl, type ControlOption } from './string-control.js';
export { EbokTextField } from './text-field.js';
export { EbokTextarea } from './textarea.js';
export { EbokNumberField } from './number-field.js';
export { EbokDateField } from './date-field.js';
export { EbokSelect } from './select.js';
export { EbokRadioGroup } from './radio-group.js';
export { EbokCheckbox } from './checkbox.js';
export { EbokCheckboxGroup } from './checkbox-group.js';
export { EbokRepeatable, RepeatableAddEvent, RepeatableRemoveEvent } from './repeatable.js';
export { EbokAddress, type AddressValue } from './address.js';
export { EbokIdentifierField, type IdentifierFormat } from './identifier-field.js';
export { EbokFileField, type FileValue } from './file-field.js';
export type { ControlTag } from './tags.js';

/** The tags whose elements are field controls (each control's module adds its own). */
type RegisteredTag = {
  [K in keyof HTMLElementTagNameMap]: HTMLElementTagNameMap[K] extends FormControl<unknown> ? K : never;
}[keyof HTMLElementTagNameMap];

// The list of tags.ts and the controls registered here are the same: a tag missing from either
// side does not compile, and the error names it.
({}) satisfies Record<Exclude<RegisteredTag, ControlTag> | Exclude<ControlTag, RegisteredTag>, never>;
