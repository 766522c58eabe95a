import { AnnotationChecker } from '../compile/annotations.js';
import { IssueCollector, type SchemaIssue } from '../compile/issues.js';
import { lintRegistry, type LintOptions } from '../compile/lint.js';
import { compileAll } from '../compile/procedure.js';
import { SchemaRegistry } from '../compile/registry.js';
import { loadSchemaSources } from '../emit/compile.js';

export interface CheckResult {
  /** How many procedure schemas were checked. */
  readonly procedures: number;
  /** Every finding, sorted by file and pointer; empty when the schemas are clean. */
  readonly findings: readonly SchemaIssue[];
}

/**
 * Lints a schemas folder: everything the compiler rejects (missing translations, fields without
 * labels, enums without a label per value, unknown formats, bad refs and metadata), plus what it
 * lets through but a person must still fix (to-do markers, placeholder metadata, conditions that
 * can never hold or restrict a property that does not exist, a legal basis never checked or
 * checked more than a year before `options.today`). Writes nothing.
 */
export async function checkSchemas(schemasDir: string, options: LintOptions = {}): Promise<CheckResult> {
  const issues = new IssueCollector();
  const registry = SchemaRegistry.fromSources(await loadSchemaSources(schemasDir), issues);
  compileAll(registry, new AnnotationChecker(), issues);
  lintRegistry(registry, issues, options);
  const unique = new Map<string, SchemaIssue>();
  for (const i of issues.issues) unique.set(`${i.file}#${i.pointer}: ${i.message}`, i);
  const findings = [...unique.values()].sort(
    (a, b) => a.file.localeCompare(b.file) || a.pointer.localeCompare(b.pointer) || a.message.localeCompare(b.message),
  );
  return { procedures: registry.procedures().length, findings };
}
