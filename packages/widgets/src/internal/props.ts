import { nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * Sets several properties of an element from one object, each only when it changed since the
 * last render (as `.prop=${…}` bindings do): the journey gives every control the same dozen.
 */
class PropsDirective extends Directive {
  #last: Readonly<Record<string, unknown>> = {};

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('props() belongs on an element');
  }

  render(_values: Readonly<Record<string, unknown>>): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [values]: [Readonly<Record<string, unknown>>]): typeof nothing {
    const element = part.element as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(values)) {
      if (!Object.is(this.#last[key], value)) element[key] = value;
    }
    this.#last = values;
    return nothing;
  }
}

export const props = directive(PropsDirective);
