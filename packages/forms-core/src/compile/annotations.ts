import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { errorAnnotationSchema, fieldAnnotationSchema, procedureAnnotationSchema } from './meta-schema.js';
import { type IssueCollector, joinPointer } from './issues.js';

function explain(e: ErrorObject): string {
  if (e.schemaPath.startsWith('#/$defs/text/')) {
    if (e.keyword === 'required') return `missing translation "${String(e.params['missingProperty'])}"`;
    if (e.keyword === 'minLength') return 'empty translation';
    if (e.keyword === 'additionalProperties') {
      return `unknown language "${String(e.params['additionalProperty'])}" (texts have pl, en and uk)`;
    }
  }
  if (e.keyword === 'required') return `missing "${String(e.params['missingProperty'])}"`;
  if (e.keyword === 'additionalProperties') return `unknown key "${String(e.params['additionalProperty'])}"`;
  return e.message ?? e.keyword;
}

/** Checks `x-ebok`, `x-ebok-error` and `x-ebok-procedure` annotations against their meta-schemas. */
export class AnnotationChecker {
  private readonly field: ValidateFunction;
  private readonly error: ValidateFunction;
  private readonly procedure: ValidateFunction;

  constructor() {
    const ajv = new Ajv({ allErrors: true, strict: true });
    this.field = ajv.compile(fieldAnnotationSchema);
    this.error = ajv.compile(errorAnnotationSchema);
    this.procedure = ajv.compile(procedureAnnotationSchema);
  }

  private run(fn: ValidateFunction, value: unknown, file: string, pointer: string, issues: IssueCollector): boolean {
    if (fn(value)) return true;
    for (const e of fn.errors ?? []) {
      let at = pointer + e.instancePath;
      if (e.keyword === 'required') at = joinPointer(at, String(e.params['missingProperty']));
      issues.add(file, at, explain(e));
    }
    return false;
  }

  checkField(value: unknown, file: string, pointer: string, issues: IssueCollector): boolean {
    return this.run(this.field, value, file, pointer, issues);
  }
  checkError(value: unknown, file: string, pointer: string, issues: IssueCollector): boolean {
    return this.run(this.error, value, file, pointer, issues);
  }
  checkProcedure(value: unknown, file: string, pointer: string, issues: IssueCollector): boolean {
    return this.run(this.procedure, value, file, pointer, issues);
  }
}
