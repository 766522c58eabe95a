import { html, nothing, render, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { define } from '../internal/ebok-element.js';
import { FormControl, VALID, type ControlValidity } from './form-control.js';
import { coreMessage } from './messages.js';

/** The resident added an item; `index` is the new item's. */
export class RepeatableAddEvent extends Event {
  static readonly eventName = 'ebok-repeatable-add';
  readonly index: number;
  constructor(index: number) {
    super(RepeatableAddEvent.eventName, { bubbles: true, composed: true });
    this.index = index;
  }
}

/** The resident removed an item; `index` is the one it had, later items move up by one. */
export class RepeatableRemoveEvent extends Event {
  static readonly eventName = 'ebok-repeatable-remove';
  readonly index: number;
  constructor(index: number) {
    super(RepeatableRemoveEvent.eventName, { bubbles: true, composed: true });
    this.index = index;
  }
}

const FOCUSABLE = 'input, select, textarea, button, [href], [tabindex]';

/** The first field of the items under `root`: an ebok control or a native focusable element. */
function firstField(root: Element): HTMLElement | undefined {
  return [...root.querySelectorAll<HTMLElement>('[slot] *')].find(
    (el) => el instanceof FormControl || el.matches(FOCUSABLE),
  );
}

/**
 * A group of fields repeated as often as the resident needs: parcels, co-owners. The journey
 * owns the items' data: it gives `value` (one entry per item) and `renderItem(index)`, and
 * updates its data on `ebok-repeatable-add` and `ebok-repeatable-remove`. Items are rendered in
 * the light DOM, so their controls belong to the surrounding `<form>` and journey like any
 * other; the repeatable itself submits the number of items under its `name`.
 *
 * After "add", focus moves into the new item; after "remove", to the add button; both are
 * announced politely.
 *
 * @tagname ebok-repeatable
 * @summary `<ebok-repeatable label="Działki" item-label="Działka" min="1" .renderItem=${(i) => html`…`}>`
 * @event {RepeatableAddEvent} ebok-repeatable-add - An item was added (bubbles, composed).
 * @event {RepeatableRemoveEvent} ebok-repeatable-remove - An item was removed (bubbles, composed).
 * @slot item-N - Item N (from 0), rendered by `renderItem`.
 * @csspart item - The fieldset around each item.
 * @csspart item-label - The legend of each item: `item-label` and its number.
 * @csspart add - The add button.
 * @csspart remove - Each remove button.
 */
export class EbokRepeatable extends FormControl<unknown[]> {
  static override properties = {
    ...FormControl.properties,
    min: { type: Number },
    max: { type: Number },
    itemLabel: { attribute: 'item-label' },
    renderItem: { attribute: false },
    announcement: { state: true },
  };

  /** Fewest items; below it no remove buttons are shown. */
  declare min: number;
  /** Most items; at it the add button goes. */
  declare max: number | undefined;
  /** What one item is called, already localized ("Działka"): in legends, buttons, announcements. */
  declare itemLabel: string;
  /** Renders item `index` from the journey's data. */
  declare renderItem: ((index: number) => TemplateResult) | undefined;
  declare private announcement: string;
  #focusAfterUpdate: (() => void) | undefined;

  constructor() {
    super();
    this.min = 0;
    this.itemLabel = '';
    this.announcement = '';
  }

  /** The number of items; setting it adds empty items or drops the last ones. */
  get count(): number {
    return this.value?.length ?? 0;
  }
  set count(n: number) {
    const value = this.value ?? [];
    this.value = Array.from({ length: Math.max(0, n) }, (_, i) => value[i]);
  }

  protected emptyValue(): unknown[] {
    return Array.from({ length: this.min ?? 0 }, () => undefined);
  }
  protected formValue(value: unknown[]): string | null {
    return value.length ? String(value.length) : null;
  }
  protected restoreValue(state: string | File | FormData): unknown[] {
    return Array.from({ length: Number(state) || 0 }, () => undefined);
  }
  protected checkValue(value: unknown[]): ControlValidity {
    if (value.length < this.min) {
      return { flags: { rangeUnderflow: true }, message: coreMessage('minItems', { limit: this.min }) };
    }
    if (this.max !== undefined && value.length > this.max) {
      return { flags: { rangeOverflow: true }, message: coreMessage('maxItems', { limit: this.max }) };
    }
    return value.length ? VALID : this.requiredCheck(true);
  }

  protected override get labelKind(): 'legend' {
    return 'legend';
  }

  protected override focusTarget(): HTMLElement | null {
    return firstField(this) ?? this.#addButton;
  }

  get #addButton(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('#add') ?? null;
  }

  get #name_(): string {
    return this.itemLabel || msg('Pozycja', { id: 'repeatable.item' });
  }

  #add(): void {
    const index = this.count;
    this.setValueFromUser([...this.value, undefined], true);
    const item = `${this.#name_} ${index + 1}`;
    this.announcement = msg(str`Dodano: ${item}.`, { id: 'repeatable.added' });
    this.#notify(new RepeatableAddEvent(index));
    this.#focusAfterUpdate = () => void this.#focusItem(index);
  }

  #removeItem(index: number): void {
    this.setValueFromUser(
      this.value.filter((_, i) => i !== index),
      true,
    );
    const item = `${this.#name_} ${index + 1}`;
    this.announcement = msg(str`Usunięto: ${item}.`, { id: 'repeatable.removed' });
    this.#notify(new RepeatableRemoveEvent(index));
    this.#focusAfterUpdate = () => this.#addButton?.focus();
  }

  // Not `dispatchEvent(new …(index))` inline: the manifest analyzer would take `index` for an event name.
  #notify(event: Event): void {
    this.dispatchEvent(event);
  }

  /** Focuses the first field of an item, once its controls have rendered. */
  async #focusItem(index: number): Promise<void> {
    const container = this.querySelector(`[slot="item-${index}"]`);
    const first = container && firstField(container);
    if (first instanceof FormControl) await first.updateComplete;
    (first ?? this.renderRoot.querySelector<HTMLElement>(`[data-remove="${index}"]`))?.focus();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    render(
      html`${this.value.map(
        (_, i) => html`<div slot="item-${i}">${this.renderItem ? this.renderItem(i) : nothing}</div>`,
      )}`,
      this,
    );
    const focus = this.#focusAfterUpdate;
    this.#focusAfterUpdate = undefined;
    focus?.();
  }

  protected renderControl(): TemplateResult {
    const count = this.count;
    const label = this.#name_;
    const next = `${label} ${count + 1}`;
    return html`${this.value.map((_, i) => {
        const item = `${label} ${i + 1}`;
        return html`<fieldset class="item" part="item">
          <legend class="label" part="item-label">${item}</legend>
          <slot name="item-${i}"></slot>
          ${
            count > this.min
              ? html`<button
                  type="button"
                  part="remove"
                  data-remove=${i}
                  ?disabled=${this.inactive}
                  @click=${() => this.#removeItem(i)}
                >
                  ${msg(str`Usuń: ${item}`, { id: 'repeatable.remove' })}
                </button>`
              : nothing
          }
        </fieldset>`;
      })}
      ${
        this.max === undefined || count < this.max
          ? html`<button type="button" id="add" part="add" ?disabled=${this.inactive} @click=${this.#add}>
              ${msg(str`Dodaj: ${next}`, { id: 'repeatable.add' })}
            </button>`
          : nothing
      }
      <div role="status" class="visually-hidden">${this.announcement}</div>`;
  }
}
define('ebok-repeatable', EbokRepeatable);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-repeatable': EbokRepeatable;
  }
  interface GlobalEventHandlersEventMap {
    'ebok-repeatable-add': RepeatableAddEvent;
    'ebok-repeatable-remove': RepeatableRemoveEvent;
  }
}
