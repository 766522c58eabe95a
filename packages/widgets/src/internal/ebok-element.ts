import { LitElement } from 'lit';
import { updateWhenLocaleChanges } from '@lit/localize';

/** Base of every ebok element: re-renders when the page's widget language changes. */
export class EbokElement extends LitElement {
  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }
}

/**
 * Defines an element unless a copy of the widgets on the page already did (two script tags, or
 * an editor's own bundle beside ours, must not throw).
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
