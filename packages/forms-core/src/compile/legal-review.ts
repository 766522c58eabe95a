import { type IssueCollector, joinPointer } from './issues.js';
import { isNode, type SchemaDoc } from './registry.js';
import { isTodo } from './todo.js';

/** A legal review older than this is reported by `ebok-forms check`. */
export const LEGAL_REVIEW_MAX_AGE_DAYS = 365;

const AT = '/x-ebok-procedure/legalReview';
const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC calendar day of a `YYYY-MM-DD` date, or undefined when it is no real date. */
function dayOf(date: string): number | undefined {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return undefined;
  return Math.floor(ms / DAY_MS);
}

/**
 * Reports a procedure whose legal basis was never checked, was checked more than a year before
 * `today`, or still holds to-do markers where an act, its articles or the channel go. (The
 * compiler has already checked the block's shape.)
 */
export function lintLegalReview(doc: SchemaDoc, issues: IssueCollector, today: Date): void {
  const meta = doc.root['x-ebok-procedure'];
  if (!isNode(meta)) return;
  const review = meta['legalReview'];
  if (!isNode(review)) {
    issues.add(
      doc.file,
      '/x-ebok-procedure',
      'no "legalReview": record the acts and articles this procedure rests on, the channel they allow, and the date they were checked',
    );
    return;
  }
  const checked = review['checked'];
  if (typeof checked !== 'string') {
    issues.add(
      doc.file,
      AT,
      'the legal basis was never checked: check the acts in ISAP, then set "checked" to the date (YYYY-MM-DD)',
    );
  } else {
    const day = dayOf(checked);
    const now = Math.floor(today.getTime() / DAY_MS);
    if (day === undefined) issues.add(doc.file, joinPointer(AT, 'checked'), `"${checked}" is not a date`);
    else if (day > now)
      issues.add(doc.file, joinPointer(AT, 'checked'), `checked on ${checked}, which is in the future`);
    else if (now - day > LEGAL_REVIEW_MAX_AGE_DAYS)
      issues.add(
        doc.file,
        joinPointer(AT, 'checked'),
        `the legal basis was last checked on ${checked}, more than a year ago: check the acts in ISAP again and update "checked"`,
      );
  }
  const sources = Array.isArray(review['sources']) ? review['sources'] : [];
  sources.forEach((source, i) => {
    if (!isNode(source)) return;
    for (const key of ['act', 'journal', 'articles', 'url']) {
      const value = source[key];
      if (isTodo(value))
        issues.add(doc.file, joinPointer(AT, 'sources', i, key), `"${key}" of a legal source is still a to-do marker`);
    }
  });
}
