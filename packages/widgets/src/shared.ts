/**
 * @module What applications built on the widgets (the office console) share with them: the field
 * controls, their style sheet (buttons, inputs, the focus ring), the base element that follows
 * the page's language, and the localization (one per page) with its formats.
 */
export { controlStyles } from './controls/controls.styles.js';
export { EbokTextField } from './controls/text-field.js';
export { EbokTextarea } from './controls/textarea.js';
export { EbokDateField } from './controls/date-field.js';
export { EbokSelect } from './controls/select.js';
export { EbokCheckbox } from './controls/checkbox.js';
export type { ControlOption } from './controls/string-control.js';
export { EbokElement } from './internal/ebok-element.js';
export { addTexts, currentLang, formatDate, formatNumber, toLang, useLang } from './localization.js';
export { renderAnswers } from './form/answers.js';
