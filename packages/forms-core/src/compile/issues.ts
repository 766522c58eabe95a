/** One problem in a schema, located by file and JSON pointer. */
export interface SchemaIssue {
  readonly file: string;
  readonly pointer: string;
  readonly message: string;
}

export function formatIssue(issue: SchemaIssue): string {
  return `${issue.file}#${issue.pointer}: ${issue.message}`;
}

/** Thrown when schemas have problems; carries all of them, so authors fix them in one pass. */
export class SchemaCompileError extends Error {
  readonly issues: readonly SchemaIssue[];
  constructor(issues: readonly SchemaIssue[]) {
    super(
      `${issues.length} schema problem${issues.length === 1 ? '' : 's'}:\n` +
        issues.map((i) => `  ${formatIssue(i)}`).join('\n'),
    );
    this.name = 'SchemaCompileError';
    this.issues = issues;
  }
}

/** Collects issues while a pass runs; `throwIfAny` stops the compiler before any output. */
export class IssueCollector {
  readonly issues: SchemaIssue[] = [];
  add(file: string, pointer: string, message: string): void {
    this.issues.push({ file, pointer, message });
  }
  throwIfAny(): void {
    if (this.issues.length > 0) throw new SchemaCompileError(this.issues);
  }
}

export function escapeSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function joinPointer(base: string, ...segments: Array<string | number>): string {
  return base + segments.map((s) => `/${escapeSegment(s)}`).join('');
}
