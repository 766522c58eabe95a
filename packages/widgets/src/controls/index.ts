// The field controls, registered together (the loader maps every control tag to this chunk).
export { FormControl, type ControlValidity } from './form-control.js';
