/** The schema compiler's API (build time: it uses ajv's code generation and esbuild). */
export { compileSchemas, loadSchemaSources, type CompileOptions, type CompileResult } from './emit/compile.js';
export { SchemaCompileError, type SchemaIssue, formatIssue } from './compile/issues.js';
export { compileAll, type CompiledProcedure } from './compile/procedure.js';
export { SchemaRegistry, type SchemaSource } from './compile/registry.js';
export { AnnotationChecker } from './compile/annotations.js';
export { IssueCollector } from './compile/issues.js';
export { createAjv, inMemoryValidator } from './compile/ajv.js';
export { checkSchemas, type CheckResult } from './kit/check.js';
export { createProcedure, type NewProcedureResult } from './kit/new.js';
export { scaffoldProcedure, ScaffoldError, type ScaffoldOptions } from './kit/scaffold.js';
export { runCheck, runNew, type Output } from './kit/commands.js';
