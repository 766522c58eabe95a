import { FormControl, VALID, type ControlValidity } from './form-control.js';
import { coreMessage } from './messages.js';

/**
 * Controls whose value is one string ('' when empty): text, textarea, date, select, radios,
 * identifiers. Shares the length and pattern checks with the messages the schema validator uses.
 */
export abstract class StringControl extends FormControl<string> {
  static override properties = {
    ...FormControl.properties,
    minLength: { type: Number, attribute: 'minlength' },
    maxLength: { type: Number, attribute: 'maxlength' },
    pattern: {},
  };

  /** Fewest characters (counted as the schema counts them, by code point). */
  declare minLength: number | undefined;
  /** Most characters; the input stops taking more. */
  declare maxLength: number | undefined;
  /** A regular expression the whole value must match (`v` flag, as the native attribute). */
  declare pattern: string | undefined;

  protected emptyValue(): string {
    return '';
  }
  protected formValue(value: string): string | null {
    return value === '' ? null : value;
  }
  protected restoreValue(state: string | File | FormData): string {
    return typeof state === 'string' ? state : '';
  }

  protected checkValue(value: string): ControlValidity {
    if (value === '') return this.requiredCheck(true);
    const length = [...value].length;
    if (this.maxLength !== undefined && length > this.maxLength) {
      return { flags: { tooLong: true }, message: coreMessage('maxLength', { limit: this.maxLength }) };
    }
    if (this.minLength !== undefined && length < this.minLength) {
      return { flags: { tooShort: true }, message: coreMessage('minLength', { limit: this.minLength }) };
    }
    if (this.pattern && !matches(this.pattern, value)) {
      return { flags: { patternMismatch: true }, message: coreMessage('pattern') };
    }
    return VALID;
  }

  /** `@input` and `@change` handler of the inner input, select or textarea. */
  protected onEdit(event: Event): void {
    const target = event.target as HTMLInputElement;
    this.setValueFromUser(this.clean(target.value), event.type === 'change');
  }

  /** How a typed value is stored (trimmed identifiers, upper case …); as typed by default. */
  protected clean(text: string): string {
    return text;
  }
}

function matches(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 'v').test(value);
  } catch {
    // A broken pattern is the page author's mistake; the resident should not be blocked by it.
    return true;
  }
}

/** One answer of a select, radio group or checkbox group; the label already in the resident's language. */
export interface ControlOption {
  readonly value: string;
  readonly label: string;
}
