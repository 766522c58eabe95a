// The field controls, registered together (the loader maps every control tag to this chunk).
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
