import { LANGS } from '../runtime/types.js';
import { IssueCollector, joinPointer } from './issues.js';
import { lintLegalReview } from './legal-review.js';
import { isTodo, TODO_MARKER } from './todo.js';
import { isNode, type Located, type SchemaDoc, type SchemaNode, type SchemaRegistry } from './registry.js';

export { TODO_MARKER };
/** The JRWA class `ebok-forms new` writes until the office's filing plan gives the real one. */
export const TODO_JRWA_CLASS = '0000';

const LANGUAGE_NAMES: Record<string, string> = { pl: 'Polish', en: 'English', uk: 'Ukrainian' };

const show = (v: unknown): string => JSON.stringify(v);

/** A text object: only language keys, all strings. */
function isText(v: unknown): v is Record<string, string> {
  if (!isNode(v)) return false;
  const keys = Object.keys(v);
  return (
    keys.length > 0 &&
    keys.every((k) => (LANGS as readonly string[]).includes(k)) &&
    Object.values(v).every((s) => typeof s === 'string')
  );
}

/** Reports texts still holding the to-do marker, anywhere inside an `x-ebok*` annotation. */
function lintTexts(doc: SchemaDoc, issues: IssueCollector): void {
  const visit = (value: unknown, pointer: string, inAnnotation: boolean): void => {
    if (inAnnotation && isText(value)) {
      for (const lang of LANGS) {
        if (isTodo(value[lang]))
          issues.add(
            doc.file,
            joinPointer(pointer, lang),
            lang === 'pl'
              ? 'missing text "pl": the Polish text is still a to-do marker'
              : `missing translation "${lang}": the ${LANGUAGE_NAMES[lang]} text is still a to-do marker`,
          );
      }
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, joinPointer(pointer, i), inAnnotation));
    else if (isNode(value))
      for (const [k, v] of Object.entries(value))
        visit(v, joinPointer(pointer, k), inAnnotation || k.startsWith('x-ebok'));
  };
  visit(doc.root, '', false);
  const jrwa = isNode(doc.root['x-ebok-procedure']) ? doc.root['x-ebok-procedure']['jrwa'] : undefined;
  if (isNode(jrwa) && jrwa['class'] === TODO_JRWA_CLASS)
    issues.add(
      doc.file,
      '/x-ebok-procedure/jrwa/class',
      `JRWA class "${TODO_JRWA_CLASS}" is a placeholder: take the class from the office's filing plan`,
    );
}

/** Follows `$ref`s to the schema that holds the keywords; undefined when a ref is broken. */
function deref(loc: Located, registry: SchemaRegistry, ignored: IssueCollector): Located | undefined {
  let current: Located | undefined = loc;
  for (let hops = 0; current && typeof current.node['$ref'] === 'string' && hops < 20; hops++) {
    current = registry.resolveRef(current, ignored);
  }
  return current;
}

const propertiesOf = (node: SchemaNode): SchemaNode | undefined =>
  isNode(node['properties']) ? node['properties'] : undefined;

/** Checks the values an `if` tests against the values the data can have. */
class ConditionLinter {
  constructor(
    private readonly registry: SchemaRegistry,
    private readonly issues: IssueCollector,
    // Broken refs are the compiler's to report; the linter only needs to know it cannot follow one.
    private readonly ignored: IssueCollector,
  ) {}

  /** `cond` is an `if` (or a part of one); `subject` the object schema whose data it tests. */
  condition(cond: Located, subject: Located): void {
    const { node, doc, pointer } = cond;
    const props = propertiesOf(subject.node) ?? {};
    const required = Array.isArray(node['required']) ? (node['required'] as unknown[]) : [];
    required.forEach((name, i) => {
      if (typeof name === 'string' && !Object.hasOwn(props, name))
        this.issues.add(
          doc.file,
          joinPointer(pointer, 'required', i),
          `unreachable condition: it requires "${name}", which is not a property of ${this.where(subject)}`,
        );
    });
    const tested = propertiesOf(node);
    for (const [name, test] of Object.entries(tested ?? {})) {
      const at = joinPointer(pointer, 'properties', name);
      if (!Object.hasOwn(props, name)) {
        if (!required.includes(name))
          this.issues.add(
            doc.file,
            at,
            `condition tests "${name}", which is not a property of ${this.where(subject)}: it never changes anything`,
          );
        continue;
      }
      const target = deref(
        { doc: subject.doc, pointer: '', node: props[name] as SchemaNode },
        this.registry,
        this.ignored,
      );
      if (isNode(test) && target && isNode(target.node)) this.value({ doc, pointer: at, node: test }, name, target);
    }
    for (const key of ['allOf', 'anyOf'] as const) {
      const list = node[key];
      if (Array.isArray(list))
        list.forEach((c, i) => {
          if (isNode(c)) this.condition({ doc, pointer: joinPointer(pointer, key, i), node: c }, subject);
        });
    }
  }

  /** A test of one property's value (`const`, `enum`, `contains`, nested `properties`). */
  private value(test: Located, name: string, target: Located): void {
    const { node, doc, pointer } = test;
    const allowed = this.allowedValues(target.node);
    if ('const' in node) {
      const problem = this.impossible([node['const']], allowed, target.node);
      if (problem)
        this.issues.add(
          doc.file,
          joinPointer(pointer, 'const'),
          `unreachable condition: "${name}" can never be ${show(node['const'])} (${problem})`,
        );
    }
    if (Array.isArray(node['enum'])) {
      const problem = this.impossible(node['enum'] as unknown[], allowed, target.node);
      if (problem)
        this.issues.add(
          doc.file,
          joinPointer(pointer, 'enum'),
          `unreachable condition: "${name}" can never be any of ${node['enum'].map(show).join(', ')} (${problem})`,
        );
    }
    if (isNode(node['contains']) && isNode(target.node['items'])) {
      const items = deref(
        { doc: target.doc, pointer: joinPointer(target.pointer, 'items'), node: target.node['items'] },
        this.registry,
        this.ignored,
      );
      if (items)
        this.value({ doc, pointer: joinPointer(pointer, 'contains'), node: node['contains'] }, `${name}[]`, items);
    }
    if (propertiesOf(node) || Array.isArray(node['required'])) this.condition(test, target);
  }

  private allowedValues(node: SchemaNode): unknown[] | undefined {
    if ('const' in node) return [node['const']];
    if (Array.isArray(node['enum'])) return node['enum'] as unknown[];
    return undefined;
  }

  /** Why none of `values` can occur, or undefined when one can. */
  private impossible(values: unknown[], allowed: unknown[] | undefined, target: SchemaNode): string | undefined {
    if (allowed) {
      const keys = new Set(allowed.map(show));
      if (!values.some((v) => keys.has(show(v)))) return `its values are ${allowed.map(show).join(', ')}`;
      return undefined;
    }
    const type = target['type'];
    if (
      typeof type === 'string' &&
      !values.some((v) => typeOf(v) === type || (type === 'number' && typeOf(v) === 'integer'))
    )
      return `it is of type ${type}`;
    return undefined;
  }

  private where(subject: Located): string {
    return subject.pointer === '' ? `the ${subject.doc.kind === 'procedure' ? 'form' : 'schema'}` : subject.pointer;
  }
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/**
 * Walks the object schemas of a document (following refs) and checks every `if` against the
 * object it concerns, and every `then`/`else` that restricts a property the object lacks.
 */
function lintConditions(doc: SchemaDoc, registry: SchemaRegistry, issues: IssueCollector, seen: Set<string>): void {
  const ignored = new IssueCollector();
  const linter = new ConditionLinter(registry, issues, ignored);

  const walk = (loc: Located, subject: Located): void => {
    const key = `${loc.doc.id}#${loc.pointer}`;
    if (seen.has(key)) return;
    seen.add(key);
    const { node } = loc;
    const self = propertiesOf(node) ? loc : subject;
    if (isNode(node['if']))
      linter.condition({ doc: loc.doc, pointer: joinPointer(loc.pointer, 'if'), node: node['if'] }, self);
    for (const branch of ['then', 'else'] as const) {
      const b = node[branch];
      const restricted = isNode(b) ? propertiesOf(b) : undefined;
      const props = propertiesOf(self.node) ?? {};
      for (const name of Object.keys(restricted ?? {})) {
        if (!Object.hasOwn(props, name))
          issues.add(
            loc.doc.file,
            joinPointer(loc.pointer, branch, 'properties', name),
            `"${branch}" restricts "${name}", which is not a property of ${self.pointer === '' ? 'the form' : self.pointer}`,
          );
      }
    }
    const child = (value: unknown, pointer: string, childSubject: Located): void => {
      if (isNode(value)) walk({ doc: loc.doc, pointer, node: value }, childSubject);
    };
    for (const [name, value] of Object.entries(propertiesOf(node) ?? {}))
      child(value, joinPointer(loc.pointer, 'properties', name), self);
    if (Array.isArray(node['allOf']))
      node['allOf'].forEach((v, i) => child(v, joinPointer(loc.pointer, 'allOf', i), self));
    child(node['items'], joinPointer(loc.pointer, 'items'), self);
    if (isNode(node['$defs']))
      for (const [name, value] of Object.entries(node['$defs']))
        child(value, joinPointer(loc.pointer, '$defs', name), self);
    if (typeof node['$ref'] === 'string') {
      const target = registry.resolveRef(loc, ignored);
      if (target) walk(target, target);
    }
  };
  const root: Located = { doc, pointer: '', node: doc.root };
  walk(root, root);

  const meta = doc.root['x-ebok-procedure'];
  const attachments = isNode(meta) && Array.isArray(meta['attachments']) ? meta['attachments'] : [];
  attachments.forEach((a, i) => {
    if (isNode(a) && isNode(a['requiredWhen']))
      linter.condition(
        { doc, pointer: joinPointer('/x-ebok-procedure/attachments', i, 'requiredWhen'), node: a['requiredWhen'] },
        root,
      );
  });
}

/** Whether a top-level property is a person: an object asking for a PESEL or an identity document. */
function hasPerson(doc: SchemaDoc, registry: SchemaRegistry): boolean {
  const ignored = new IssueCollector();
  return Object.entries(propertiesOf(doc.root) ?? {}).some(([name, node]) => {
    if (!isNode(node)) return false;
    const target = deref({ doc, pointer: joinPointer('/properties', name), node }, registry, ignored);
    const fields = target && propertiesOf(target.node);
    return !!fields && ('pesel' in fields || 'identityDocument' in fields);
  });
}

/**
 * A procedure that asks about a person should say who signs it (the server binds the signer's
 * certificate to that person), and every procedure with what. One about no person (a contact
 * form, a broken street lamp) may leave `signers` out: whoever's certificate signs it files it.
 */
function lintSigners(doc: SchemaDoc, registry: SchemaRegistry, issues: IssueCollector): void {
  const meta = doc.root['x-ebok-procedure'];
  if (isNode(meta) && meta['signers'] === undefined && hasPerson(doc, registry))
    issues.add(
      doc.file,
      '/x-ebok-procedure',
      'no "signers": name who signs this application, e.g. ["/proxy", "/applicant"] (the first present in the data must be the certificate\'s holder)',
    );
  if (isNode(meta) && meta['signatures'] === undefined)
    issues.add(
      doc.file,
      '/x-ebok-procedure',
      'no "signatures": say which signatures the law accepts for this application, e.g. ["qualified", "trusted-profile", "personal"], and "city" where the city\'s certificate is enough',
    );
}

/** Enum values are kebab-case (`osoba-ktorej-akt-dotyczy`): they are stable codes in the data, not texts. */
function lintEnums(doc: SchemaDoc, issues: IssueCollector): void {
  const visit = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) return node.forEach((v, i) => visit(v, joinPointer(pointer, i)));
    if (!isNode(node)) return;
    if (Array.isArray(node['enum']))
      node['enum'].forEach((v, i) => {
        if (typeof v === 'string' && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v))
          issues.add(
            doc.file,
            joinPointer(pointer, 'enum', i),
            `enum value ${show(v)} is not kebab-case (lower-case letters and digits joined by "-", e.g. "odpis-skrocony"): a value is a code, its words go in x-ebok.enumLabels`,
          );
      });
    for (const [k, v] of Object.entries(node))
      if (!k.startsWith('x-ebok') && k !== 'enum') visit(v, joinPointer(pointer, k));
  };
  visit(doc.root, '');
}

/** Questions on one step (its fields and attachments) past which `check` advises splitting it. */
export const MAX_STEP_QUESTIONS = 10;

/** One topic per step (the GOV.UK "one thing per page" pattern): a step that asks more should be split. */
function lintSteps(doc: SchemaDoc, issues: IssueCollector): void {
  const meta = doc.root['x-ebok-procedure'];
  const steps = isNode(meta) && Array.isArray(meta['steps']) ? meta['steps'] : [];
  steps.forEach((step, i) => {
    if (!isNode(step)) return;
    const questions =
      (Array.isArray(step['fields']) ? step['fields'].length : 0) +
      (Array.isArray(step['attachments']) ? step['attachments'].length : 0);
    if (questions > MAX_STEP_QUESTIONS)
      issues.add(
        doc.file,
        joinPointer('/x-ebok-procedure/steps', i),
        `step "${String(step['id'])}" asks ${questions} questions: one topic per step reads best (GOV.UK's "one thing per page"); split it into steps of at most ${MAX_STEP_QUESTIONS}`,
      );
  });
}

export interface LintOptions {
  /** The day legal reviews are dated against (default: now); tests fix it. */
  readonly today?: Date;
}

/**
 * The checks `ebok-forms check` adds to the compiler's: texts still holding the to-do marker,
 * placeholder metadata, conditions that can never hold or refer to missing properties, enum values
 * that are not kebab-case, steps that ask too much, who signs and with what, the legal review.
 * Pure: reports to `issues`, by file and JSON pointer.
 */
export function lintRegistry(registry: SchemaRegistry, issues: IssueCollector, options: LintOptions = {}): void {
  const seen = new Set<string>();
  for (const doc of [...registry.commons(), ...registry.procedures()]) {
    lintTexts(doc, issues);
    lintConditions(doc, registry, issues, seen);
    lintEnums(doc, issues);
  }
  for (const doc of registry.procedures()) {
    lintSigners(doc, registry, issues);
    lintSteps(doc, issues);
    lintLegalReview(doc, issues, options.today ?? new Date());
  }
}
