import { formats, formatWarnings } from '../formats/index.js';
import type { Condition, FieldConstraints, FieldModel, Json, Text, ValueType, WidgetKind } from '../runtime/types.js';
import { parseCondition } from './condition.js';
import { type IssueCollector, joinPointer } from './issues.js';
import { isNode, type Located, type SchemaNode, type SchemaRegistry } from './registry.js';

// Every Polish identifier format has its own control (a checked, normalised text field).
const IDENTIFIER_FORMATS = new Set(Object.keys(formats));
const CONSTRAINT_KEYS = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
] as const;

interface FieldAnnotation {
  label?: Text;
  hint?: Text;
  itemLabel?: Text;
  enumLabels?: Record<string, Text>;
  widget?: WidgetKind;
  autocomplete?: string;
}

/** A schema with its `$ref` chain followed: the target's keywords, the nearest `x-ebok`. */
interface Effective {
  readonly loc: Located;
  readonly node: SchemaNode;
  readonly annotation: FieldAnnotation | undefined;
}

const anyOf = (conds: Condition[]): Condition => (conds.length === 1 ? conds[0]! : { kind: 'any', of: conds });

/** Builds the form model (fields, widget kinds, texts, conditions) from a procedure schema. */
export class ModelBuilder {
  constructor(
    private readonly registry: SchemaRegistry,
    private readonly issues: IssueCollector,
  ) {}

  private effective(loc: Located): Effective {
    let current = loc;
    let node: SchemaNode = { ...loc.node };
    let annotation = isNode(loc.node['x-ebok']) ? (loc.node['x-ebok'] as FieldAnnotation) : undefined;
    const seen = new Set<string>();
    while (typeof current.node['$ref'] === 'string') {
      const key = `${current.doc.id}#${current.pointer}`;
      if (seen.has(key)) break;
      seen.add(key);
      const target = this.registry.resolveRef(current, this.issues);
      if (!target) break;
      const { $ref: _ref, ...siblings } = node;
      node = { ...target.node, ...siblings };
      if (!annotation && isNode(target.node['x-ebok'])) annotation = target.node['x-ebok'] as FieldAnnotation;
      current = target;
    }
    return { loc: current, node, annotation };
  }

  /** The fields of an object schema, with conditional requirement and visibility. */
  objectFields(loc: Located, path: string): FieldModel[] {
    const eff = this.effective(loc);
    const { node } = eff;
    const props = isNode(node['properties']) ? node['properties'] : {};
    const required = new Set(Array.isArray(node['required']) ? (node['required'] as string[]) : []);
    const conditional = this.conditionalRequirements(eff.loc, node);
    for (const name of required) {
      if (!Object.hasOwn(props, name)) {
        this.issues.add(
          eff.loc.doc.file,
          joinPointer(eff.loc.pointer, 'required'),
          `required "${name}" is not in properties`,
        );
      }
    }
    for (const name of conditional.keys()) {
      if (!Object.hasOwn(props, name)) {
        this.issues.add(
          eff.loc.doc.file,
          eff.loc.pointer,
          `a condition requires "${name}", which is not in properties`,
        );
      }
    }
    const propsPointer = joinPointer(eff.loc.pointer, 'properties');
    return Object.entries(props).flatMap(([name, child]) => {
      if (!isNode(child)) return [];
      const childLoc: Located = { doc: eff.loc.doc, pointer: joinPointer(propsPointer, name), node: child };
      const conds = conditional.get(name);
      const when = conds && !required.has(name) ? anyOf(conds) : undefined;
      return [this.field(childLoc, joinPointer(path, name), name, required.has(name), when)];
    });
  }

  /** Which properties a then/else requires, under which conditions. */
  private conditionalRequirements(loc: Located, node: SchemaNode): Map<string, Condition[]> {
    const out = new Map<string, Condition[]>();
    const rules: Located[] = [];
    if (node['if'] !== undefined) rules.push(loc);
    if (Array.isArray(node['allOf'])) {
      node['allOf'].forEach((rule, i) => {
        if (isNode(rule) && rule['if'] !== undefined)
          rules.push({ doc: loc.doc, pointer: joinPointer(loc.pointer, 'allOf', i), node: rule });
      });
    }
    for (const rule of rules) {
      const ifNode = rule.node['if'];
      if (!isNode(ifNode)) {
        this.issues.add(rule.doc.file, joinPointer(rule.pointer, 'if'), '"if" must be a schema object');
        continue;
      }
      const cond = parseCondition(
        { doc: rule.doc, pointer: joinPointer(rule.pointer, 'if'), node: ifNode },
        this.registry,
        this.issues,
      );
      for (const [branch, when] of [
        ['then', cond],
        ['else', { kind: 'not', of: cond }],
      ] as const) {
        const b = rule.node[branch];
        if (!isNode(b) || !Array.isArray(b['required'])) continue;
        for (const name of b['required'] as string[]) {
          const list = out.get(name) ?? [];
          list.push(when);
          out.set(name, list);
        }
      }
    }
    return out;
  }

  private options(
    eff: Effective,
    values: unknown,
    labels: Record<string, Text> | undefined,
    at: string,
  ): FieldModel['options'] {
    if (!Array.isArray(values)) return undefined;
    const file = eff.loc.doc.file;
    if (!labels) {
      this.issues.add(file, at, 'an enum needs x-ebok.enumLabels with a text for every value');
      return undefined;
    }
    for (const key of Object.keys(labels)) {
      if (!values.some((v) => String(v) === key))
        this.issues.add(file, joinPointer(at, 'enumLabels', key), `label for "${key}", which is not in the enum`);
    }
    return values.map((value: Json) => {
      const label = labels[String(value)];
      if (!label)
        this.issues.add(file, joinPointer(at, 'enumLabels'), `missing label for enum value "${String(value)}"`);
      return { value, label: label ?? { pl: String(value), en: String(value), uk: String(value) } };
    });
  }

  field(loc: Located, path: string, name: string, required: boolean, when?: Condition): FieldModel {
    const eff = this.effective(loc);
    const { node } = eff;
    const file = loc.doc.file;
    const annotationAt = joinPointer(loc.pointer, 'x-ebok');
    const a = eff.annotation ?? {};
    if (!a.label) this.issues.add(file, annotationAt, `field "${name}" has no label (x-ebok.label in pl, en and uk)`);
    const label = a.label ?? { pl: name, en: name, uk: name };

    const enumValues = node['enum'];
    const declared = typeof node['type'] === 'string' ? (node['type'] as ValueType) : undefined;
    const type: ValueType =
      declared ??
      (Array.isArray(enumValues) && enumValues.length > 0
        ? (typeof enumValues[0] as ValueType)
        : 'const' in node
          ? (typeof node['const'] as ValueType)
          : isNode(node['properties'])
            ? 'object'
            : 'string');
    const format = typeof node['format'] === 'string' ? node['format'] : undefined;

    let kind: WidgetKind;
    let options: FieldModel['options'];
    let fields: FieldModel[] | undefined;
    let item: FieldModel | undefined;
    if (Array.isArray(enumValues)) {
      options = this.options(eff, enumValues, a.enumLabels, annotationAt);
      kind = enumValues.length <= 5 ? 'radio' : 'select';
    } else if (type === 'boolean') {
      kind = 'checkbox';
    } else if (type === 'object') {
      fields = this.objectFields(eff.loc, path);
      kind = 'group';
    } else if (type === 'array') {
      const items = node['items'];
      if (!isNode(items)) {
        this.issues.add(file, joinPointer(eff.loc.pointer, 'items'), 'an array field needs an "items" schema');
        kind = 'repeatable';
      } else {
        const itemsLoc: Located = { doc: eff.loc.doc, pointer: joinPointer(eff.loc.pointer, 'items'), node: items };
        const itemsEff = this.effective(itemsLoc);
        if (Array.isArray(itemsEff.node['enum'])) {
          options = this.options(
            eff,
            itemsEff.node['enum'],
            a.enumLabels ?? itemsEff.annotation?.enumLabels,
            annotationAt,
          );
          kind = 'checkbox-group';
        } else if (itemsEff.node['type'] === 'object' || isNode(itemsEff.node['properties'])) {
          fields = this.objectFields(itemsLoc, `${path}/*`);
          kind = 'repeatable';
        } else {
          item = this.field(itemsLoc, `${path}/*`, name, true);
          kind = 'repeatable';
        }
      }
    } else if (format === 'date') {
      kind = 'date';
    } else if (format && IDENTIFIER_FORMATS.has(format)) {
      kind = 'identifier';
    } else if (type === 'integer' || type === 'number') {
      kind = 'number';
    } else {
      // Long free text gets a textarea; an e-mail or a patterned value stays one line whatever its limit.
      const freeText = !format && node['pattern'] === undefined;
      kind = freeText && typeof node['maxLength'] === 'number' && node['maxLength'] > 200 ? 'textarea' : 'text';
    }
    if (a.widget) kind = a.widget;

    const constraints: Record<string, unknown> = {};
    for (const k of CONSTRAINT_KEYS) if (node[k] !== undefined) constraints[k] = node[k];
    const warnings = format && formatWarnings[format] ? [formatWarnings[format].code] : undefined;

    return {
      name,
      path,
      kind,
      type,
      label,
      ...(a.hint && { hint: a.hint }),
      // A field a condition requires is asked only while it holds: required whenever it is shown.
      required: required || when !== undefined,
      ...(when && { visibleWhen: when }),
      ...(format && { format }),
      ...(warnings && { warnings }),
      ...(options && { options }),
      ...(Object.keys(constraints).length > 0 && { constraints: constraints as FieldConstraints }),
      ...(a.autocomplete && { autocomplete: a.autocomplete }),
      ...('const' in node && { constValue: node['const'] as Json }),
      ...(fields && { fields }),
      ...(item && { item }),
      ...(a.itemLabel && { itemLabel: a.itemLabel }),
    };
  }
}
