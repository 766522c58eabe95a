import { html, type TemplateResult } from 'lit';
import type { FormModel, ProcedureValidator } from '@ebok/forms-core/runtime';
import { EbokElement } from '../internal/ebok-element.js';
import { t } from '../localization.js';

/** What a generated procedure element sets: its form model and its validator. */
export interface ProcedureDefinition {
  readonly model: FormModel;
  readonly validator: ProcedureValidator;
}

/**
 * The resident's journey through one procedure; each generated element (`<ebok-usc-odpis-aktu>` …)
 * is this class with its procedure's model and validator.
 */
export class ProcedureForm<T = unknown> extends EbokElement {
  static readonly model: FormModel;
  static readonly validator: ProcedureValidator;

  declare value: T;

  protected get definition(): ProcedureDefinition {
    const ctor = this.constructor as unknown as ProcedureDefinition;
    return { model: ctor.model, validator: ctor.validator };
  }

  override render(): TemplateResult {
    return html`<h2>${t(this.definition.model.procedure.title)}</h2>`;
  }
}
