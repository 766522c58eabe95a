import { evaluateCondition } from './condition.js';
import { messageFor } from './messages.js';
import { escapePointerSegment } from './pointer.js';
import type { AttachmentRef, AttachmentRule, ValidationIssue } from './types.js';

function issue(name: string, code: string, params: Record<string, unknown> = {}): ValidationIssue {
  return {
    pointer: `/attachments/${escapePointerSegment(name)}`,
    code,
    message: messageFor(code, { name, ...params })!,
    params: { name, ...params },
  };
}

/** Whether the procedure needs this attachment for this form data. */
export function isAttachmentRequired(spec: AttachmentRule, data: unknown): boolean {
  return spec.required || (spec.requiredWhen !== undefined && evaluateCondition(spec.requiredWhen, data));
}

/**
 * Checks the attachments a document declares against the procedure: each one known and given
 * once, of an allowed media type and size, and every attachment the data makes required present.
 */
export function checkAttachments(
  specs: readonly AttachmentRule[],
  data: unknown,
  attachments: readonly AttachmentRef[],
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const byName = new Map(specs.map((s) => [s.name, s]));
  const given = new Set<string>();
  for (const a of attachments) {
    const spec = byName.get(a.name);
    if (!spec) {
      issues.push(issue(a.name, 'attachment.unknown'));
      continue;
    }
    if (given.has(a.name)) {
      issues.push(issue(a.name, 'attachment.duplicate'));
      continue;
    }
    given.add(a.name);
    if (!spec.mediaTypes.includes(a.mediaType)) {
      issues.push(issue(a.name, 'attachment.media-type', { mediaType: a.mediaType, allowed: spec.mediaTypes }));
    }
    if (!(a.size > 0)) issues.push(issue(a.name, 'attachment.empty'));
    else if (a.size > spec.maxSize)
      issues.push(issue(a.name, 'attachment.too-large', { size: a.size, limit: spec.maxSize }));
  }
  for (const spec of specs) {
    if (!given.has(spec.name) && isAttachmentRequired(spec, data)) issues.push(issue(spec.name, 'attachment.missing'));
  }
  return issues;
}
