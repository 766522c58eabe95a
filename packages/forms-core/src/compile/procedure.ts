import type {
  AttachmentSpec,
  FieldModel,
  FormModel,
  ProcedureSummary,
  StepModel,
  Text,
  ValidatorSpec,
} from '../runtime/types.js';
import type { AnnotationChecker } from './annotations.js';
import { bundleProcedure, typeNameFor, typesSchema } from './bundle.js';
import { parseCondition } from './condition.js';
import { type IssueCollector, joinPointer } from './issues.js';
import { ModelBuilder } from './model.js';
import { IMAGE_MEDIA_TYPES } from '../runtime/image-check.js';
import { pointerPattern } from '../runtime/pointer.js';
import { isNode, type SchemaDoc, type SchemaNode, type SchemaRegistry } from './registry.js';
import { SchemaWalker } from './walk.js';

/** Everything the emitters need for one procedure; pure data. */
export interface CompiledProcedure {
  readonly doc: SchemaDoc;
  readonly summary: ProcedureSummary;
  readonly model: FormModel;
  readonly validatorSpec: ValidatorSpec;
  /** Self-contained JSON Schema (shared blocks copied in). */
  readonly bundle: SchemaNode;
  /** The bundle as the type generator should see it. */
  readonly typesSchema: SchemaNode;
  readonly typeName: string;
}

interface RawStep {
  id: string;
  title: Text;
  fields: string[];
  attachments?: string[];
}
interface RawAttachment extends Omit<AttachmentSpec, 'requiredWhen'> {
  requiredWhen?: unknown;
}
interface RawMeta extends Omit<ProcedureSummary, 'attachments'> {
  attachments: RawAttachment[];
  steps: RawStep[];
}

/**
 * A pixel-size rule is read from a JPEG's or PNG's own headers: an attachment that may be
 * anything else cannot have one, and its maximum must not be below its minimum.
 */
function checkImageRule(a: RawAttachment, file: string, at: string, issues: IssueCollector): void {
  const others = a.mediaTypes.filter((t) => !IMAGE_MEDIA_TYPES.includes(t));
  if (others.length > 0)
    issues.add(
      file,
      at,
      `"image" (a pixel size) is only for JPEG and PNG attachments, but "mediaTypes" also allows ${others.join(', ')}: ` +
        `list only image/jpeg and image/png, or drop "image"`,
    );
  const { minWidth, minHeight, maxWidth, maxHeight } = a.image!;
  if (maxWidth !== undefined && maxWidth < minWidth)
    issues.add(file, joinPointer(at, 'maxWidth'), `maxWidth ${maxWidth} is below minWidth ${minWidth}`);
  if (maxHeight !== undefined && maxHeight < minHeight)
    issues.add(file, joinPointer(at, 'maxHeight'), `maxHeight ${maxHeight} is below minHeight ${minHeight}`);
}

/** Compiles one procedure document; problems go to `issues` (the caller stops on any). */
export function compileProcedure(
  doc: SchemaDoc,
  registry: SchemaRegistry,
  annotations: AnnotationChecker,
  issues: IssueCollector,
): CompiledProcedure | undefined {
  const file = doc.file;
  const metaAt = '/x-ebok-procedure';
  const rawMeta = doc.root['x-ebok-procedure'];
  if (!annotations.checkProcedure(rawMeta, file, metaAt, issues)) return undefined;
  const meta = rawMeta as RawMeta;
  const expectedFile = `procedures/${meta.id}.schema.json`;
  if (file !== expectedFile)
    issues.add(
      file,
      joinPointer(metaAt, 'id'),
      `id "${meta.id}" does not match the file name (expected ${expectedFile})`,
    );
  if (doc.root['type'] !== 'object') issues.add(file, '/type', 'a procedure schema must have "type": "object"');
  if (doc.root['additionalProperties'] !== false) {
    issues.add(file, '/additionalProperties', 'a procedure schema must set "additionalProperties": false');
  }
  if (meta.presence === 'none' && meta.inPerson.length > 0) {
    issues.add(file, joinPointer(metaAt, 'inPerson'), 'presence "none" but in-person steps are listed');
  }
  if (meta.presence === 'partial' && meta.inPerson.length === 0) {
    issues.add(file, joinPointer(metaAt, 'inPerson'), 'presence "partial" needs the in-person steps');
  }

  const facts = new SchemaWalker(registry, annotations, issues).walkProcedure({ doc, pointer: '', node: doc.root });
  const fields = new ModelBuilder(registry, issues).objectFields({ doc, pointer: '', node: doc.root }, '');

  const attachments: AttachmentSpec[] = [];
  const attachmentNames = new Set<string>();
  meta.attachments.forEach((a, i) => {
    const at = joinPointer(metaAt, 'attachments', i);
    if (attachmentNames.has(a.name)) issues.add(file, joinPointer(at, 'name'), `duplicate attachment name "${a.name}"`);
    attachmentNames.add(a.name);
    let requiredWhen;
    if (a.requiredWhen !== undefined) {
      if (a.required)
        issues.add(file, joinPointer(at, 'requiredWhen'), 'requiredWhen on an attachment that is always required');
      requiredWhen = parseCondition(
        { doc, pointer: joinPointer(at, 'requiredWhen'), node: a.requiredWhen as SchemaNode },
        registry,
        issues,
      );
    }
    if (a.image) checkImageRule(a, file, joinPointer(at, 'image'), issues);
    const { requiredWhen: _raw, ...base } = a;
    attachments.push({ ...base, ...(requiredWhen && { requiredWhen }) });
  });

  meta.signers?.forEach((pointer, i) => checkSigner(pointer, fields, file, joinPointer(metaAt, 'signers', i), issues));
  meta.contactEmail?.forEach((pointer, i) =>
    checkContactEmail(pointer, fields, file, joinPointer(metaAt, 'contactEmail', i), issues),
  );

  const steps = checkSteps(
    meta.steps,
    fields.map((f) => f.name),
    attachmentNames,
    file,
    joinPointer(metaAt, 'steps'),
    issues,
  );

  const { steps: _steps, attachments: _attachments, ...rest } = meta;
  const summary: ProcedureSummary = { ...rest, attachments };
  const bundle = bundleProcedure(doc, registry, issues);
  const typeName = typeNameFor(meta.id);
  return {
    doc,
    summary,
    model: { procedure: summary, steps, fields },
    validatorSpec: {
      id: meta.id,
      version: meta.version,
      attachments: attachments.map(({ label: _label, hint: _hint, ...rule }) => rule),
      // The rule a message belongs to only matters where several restrict one field.
      messages: Object.fromEntries(
        Object.entries(facts.messages).map(([key, list]) => [
          key,
          list.length > 1 ? list : list.map(({ text }) => ({ text })),
        ]),
      ),
      warnings: facts.warnings,
    },
    bundle,
    typesSchema: typesSchema(bundle, typeName),
    typeName,
  };
}

/** The field at a path of the form model (a list's items under `*`, as pointerPattern writes them), if any. */
function findField(list: readonly FieldModel[], path: string): FieldModel | undefined {
  for (const f of list) {
    if (f.path === path) return f;
    const inner = (f.fields && findField(f.fields, path)) ?? (f.item && findField([f.item], path));
    if (inner) return inner;
  }
  return undefined;
}

/** A contact e-mail pointer must name an e-mail field (`"format": "email"`) of the procedure. */
function checkContactEmail(
  pointer: string,
  fields: readonly FieldModel[],
  file: string,
  at: string,
  issues: IssueCollector,
): void {
  const field = findField(fields, pointerPattern(pointer));
  if (!field) issues.add(file, at, `contactEmail "${pointer}" is not a field of this procedure`);
  else if (field.format !== 'email')
    issues.add(file, at, `contactEmail "${pointer}" is not an e-mail address (a string with "format": "email")`);
}

/**
 * A signer pointer must name a person: an object field (or an item of a list of them) that asks
 * for a PESEL or an identity document, the two things a certificate can name someone by. One
 * ending in `/*` names every person of a list (co-owners): it must be a list of such people.
 */
function checkSigner(pointer: string, fields: readonly FieldModel[], file: string, at: string, issues: IssueCollector) {
  const find = findField;
  const everyone = pointer.endsWith('/*');
  const path = pointerPattern(pointer);
  // An item of a list of people (`/owners/0`) is described by the list's field, whose fields are the item's.
  const list = path.endsWith('/*') ? find(fields, path.slice(0, -2)) : undefined;
  if (everyone && list?.kind !== 'repeatable') {
    return issues.add(
      file,
      at,
      list
        ? `signer "${pointer}" ends in "/*" but "${pointer.slice(0, -2)}" is not a list (a repeatable field)`
        : `signer "${pointer}" is not a field of this procedure`,
    );
  }
  const person = everyone ? list : (find(fields, path) ?? (list?.kind === 'repeatable' ? list : undefined));
  if (!person) return issues.add(file, at, `signer "${pointer}" is not a field of this procedure`);
  const what = everyone ? 'a list of people (objects with fields)' : 'a person (an object with fields)';
  if (!person.fields || (person.type !== 'object' && person.kind !== 'repeatable'))
    return issues.add(file, at, `signer "${pointer}" is not ${what}`);
  if (!person.fields.some((f) => f.name === 'pesel' || f.name === 'identityDocument'))
    issues.add(
      file,
      at,
      `signer "${pointer}" has neither "pesel" nor "identityDocument"${everyone ? ' in its items' : ''}: no certificate can match it`,
    );
}

function checkSteps(
  raw: RawStep[],
  fieldNames: string[],
  attachmentNames: Set<string>,
  file: string,
  at: string,
  issues: IssueCollector,
): StepModel[] {
  const fieldStep = new Map<string, string>();
  const attachmentStep = new Map<string, string>();
  const ids = new Set<string>();
  const steps = raw.map((s, i) => {
    const stepAt = joinPointer(at, i);
    if (ids.has(s.id)) issues.add(file, joinPointer(stepAt, 'id'), `duplicate step id "${s.id}"`);
    ids.add(s.id);
    const attachments = s.attachments ?? [];
    if (s.fields.length + attachments.length === 0)
      issues.add(file, stepAt, `step "${s.id}" has no fields and no attachments`);
    s.fields.forEach((f, j) => {
      if (!fieldNames.includes(f))
        issues.add(
          file,
          joinPointer(stepAt, 'fields', j),
          `step "${s.id}" lists "${f}", which is not a top-level property`,
        );
      else if (fieldStep.has(f))
        issues.add(file, joinPointer(stepAt, 'fields', j), `"${f}" is already in step "${fieldStep.get(f)}"`);
      fieldStep.set(f, s.id);
    });
    attachments.forEach((name, j) => {
      if (!attachmentNames.has(name))
        issues.add(
          file,
          joinPointer(stepAt, 'attachments', j),
          `step "${s.id}" lists attachment "${name}", which is not declared`,
        );
      else if (attachmentStep.has(name))
        issues.add(
          file,
          joinPointer(stepAt, 'attachments', j),
          `attachment "${name}" is already in step "${attachmentStep.get(name)}"`,
        );
      attachmentStep.set(name, s.id);
    });
    return { id: s.id, title: s.title, fields: s.fields, attachments };
  });
  for (const f of fieldNames) if (!fieldStep.has(f)) issues.add(file, at, `property "${f}" is in no step`);
  for (const a of attachmentNames) if (!attachmentStep.has(a)) issues.add(file, at, `attachment "${a}" is in no step`);
  return steps;
}

/** Compiles all procedures: checks shared blocks too, and unique ids across procedures. */
export function compileAll(
  registry: SchemaRegistry,
  annotations: AnnotationChecker,
  issues: IssueCollector,
): CompiledProcedure[] {
  const walker = new SchemaWalker(registry, annotations, issues);
  for (const common of registry.commons()) walker.checkCommon({ doc: common, pointer: '', node: common.root });
  const compiled: CompiledProcedure[] = [];
  const ids = new Map<string, string>();
  for (const doc of registry.procedures()) {
    const c = compileProcedure(doc, registry, annotations, issues);
    if (!c) continue;
    const other = ids.get(c.summary.id);
    if (other)
      issues.add(doc.file, '/x-ebok-procedure/id', `duplicate procedure id "${c.summary.id}", also in ${other}`);
    ids.set(c.summary.id, doc.file);
    compiled.push(c);
  }
  return compiled;
}

export { isNode };
