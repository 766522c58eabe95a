import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { isPostalCodePl } from '@ebok/forms-core/formats';
import { define } from '../internal/ebok-element.js';
import { FormControl, VALID, type ControlValidity } from './form-control.js';
import { coreMessage } from './messages.js';

/** A Polish address as the schemas' shared address block has it; '' for a part not given. */
export interface AddressValue {
  street: string;
  house: string;
  flat: string;
  postalCode: string;
  town: string;
}
type Part = keyof AddressValue;

const PARTS: readonly Part[] = ['street', 'house', 'flat', 'postalCode', 'town'];
// Villages without streets exist, and most homes have no flat number.
const NEEDED: readonly Part[] = ['house', 'postalCode', 'town'];
const AUTOFILL: Partial<Record<Part, AutoFill>> = {
  street: 'address-line1',
  postalCode: 'postal-code',
  town: 'address-level2',
};

function partLabel(part: Part): string {
  switch (part) {
    case 'street':
      return msg('Ulica', { id: 'address.street' });
    case 'house':
      return msg('Numer domu', { id: 'address.house' });
    case 'flat':
      return msg('Numer lokalu', { id: 'address.flat' });
    case 'postalCode':
      return msg('Kod pocztowy', { id: 'address.postal-code' });
    case 'town':
      return msg('Miejscowość', { id: 'address.town' });
  }
}

/**
 * A Polish address block: street, house number, flat number, postal code (NN-NNN, checked) and
 * town, in a fieldset. An optional address may be left empty, but once started it needs a
 * house number, postal code and town. A `<form>` gets `name.street`, `name.house` … entries.
 *
 * @tagname ebok-address
 * @summary `<ebok-address label="Adres zamieszkania" name="address">`
 * @csspart control - Each `<input>`.
 * @csspart part - Each labelled part of the address.
 */
export class EbokAddress extends FormControl<AddressValue> {
  protected emptyValue(): AddressValue {
    return { street: '', house: '', flat: '', postalCode: '', town: '' };
  }
  protected formValue(value: AddressValue): FormData {
    const data = new FormData();
    for (const part of PARTS) if (value[part]) data.append(`${this.name}.${part}`, value[part]);
    return data;
  }
  protected restoreValue(state: string | File | FormData): AddressValue {
    const value = this.emptyValue();
    if (state instanceof FormData)
      for (const part of PARTS) value[part] = String(state.get(`${this.name}.${part}`) ?? '');
    return value;
  }

  /** The parts the resident still has to fill in or correct. */
  #faults(value: AddressValue): Part[] {
    if (!this.required && PARTS.every((p) => !value[p])) return [];
    const faults = NEEDED.filter((p) => !value[p]);
    if (value.postalCode && !isPostalCodePl(value.postalCode)) faults.push('postalCode');
    return faults;
  }

  protected checkValue(value: AddressValue): ControlValidity {
    if (PARTS.every((p) => !value[p])) return this.requiredCheck(true);
    const missing = NEEDED.filter((p) => !value[p]);
    if (missing.length) {
      const names = missing.map(partLabel).join(', ');
      return { flags: { valueMissing: true }, message: msg(str`Uzupełnij: ${names}.`, { id: 'address.missing' }) };
    }
    if (!isPostalCodePl(value.postalCode)) {
      return { flags: { patternMismatch: true }, message: coreMessage('format.postal-code-pl') };
    }
    return VALID;
  }

  protected override get labelKind(): 'legend' {
    return 'legend';
  }

  protected override focusTarget(): HTMLElement | null {
    const first = this.showsError ? this.#faults(this.value)[0] : undefined;
    return this.renderRoot?.querySelector<HTMLElement>(`#${first ?? 'street'}`) ?? null;
  }

  #onEdit(event: Event): void {
    const input = event.target as HTMLInputElement;
    const part = input.id as Part;
    const commit = event.type === 'change';
    let text = commit ? input.value.trim() : input.value;
    // Five digits typed without the dash are still a postal code.
    if (part === 'postalCode' && commit && /^\d{5}$/.test(text)) text = `${text.slice(0, 2)}-${text.slice(2)}`;
    this.setValueFromUser({ ...this.value, [part]: text }, commit);
  }

  protected renderControl(): TemplateResult {
    const faults = this.showsError ? this.#faults(this.value) : [];
    return html`${PARTS.map(
      (part) =>
        html`<div class="part part-${part}" part="part">
          <label for=${part} class="label">${partLabel(part)}</label>
          <input
            id=${part}
            part="control"
            type="text"
            .value=${this.value[part]}
            autocomplete=${AUTOFILL[part] ?? nothing}
            inputmode=${part === 'postalCode' ? 'numeric' : nothing}
            maxlength=${part === 'postalCode' ? 6 : nothing}
            ?required=${this.required && NEEDED.includes(part)}
            ?disabled=${this.inactive}
            aria-invalid=${faults.includes(part) ? 'true' : nothing}
            @input=${this.#onEdit}
            @change=${this.#onEdit}
          />
        </div>`,
    )}`;
  }
}
define('ebok-address', EbokAddress);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-address': EbokAddress;
  }
}
