/**
 * @module Residents asking after their applications, decided once for every backend: the
 * register key that finds a signer's filings, where each application stands as the resident
 * may see it (from its dispatches and its case), never the office's people or inner notes, and
 * the signed files and receipt of one application downloaded again.
 */
import type { ResidentApplications, ResidentDocuments } from '@ebok/schemas/api';
import { sha256, toBase64, toHex } from '@ebok/forms-core/pki';
import { extensionNotice } from './cases.js';
import { receiptBody } from './http.js';
import type { BlobStore, StoredDocument } from './platform.js';
import type { CaseEvent, CaseRecord, CaseStatus, ResidentApplication } from './ports.js';
import type { SignedFileFormat } from './statutory.js';

/** An application as the resident reads it. */
export type ApplicationBody = ResidentApplications[number];
type Notice = ApplicationBody['notices'][number];

/** The most applications one answer lists (the newest). */
export const MAX_RESIDENT_APPLICATIONS = 200;

/** The register key of a signer (migrations/0010): `signer:` and their semantics identifier. */
export const signerKey = (identifier: string): string => `signer:${identifier}`;

/** The keys an entry is written with: one for each person who signed it, once. */
export const signerKeys = (identifiers: readonly string[]): string[] => [...new Set(identifiers)].map(signerKey);

const CASE_STATUS: Readonly<Record<CaseStatus, ApplicationBody['status']>> = {
  open: 'case-opened',
  suspended: 'suspended',
  extended: 'extended',
  'waiting-for-resident': 'waiting-for-resident',
  decided: 'decided',
  closed: 'closed',
};

/**
 * A case's event as the resident is told it: what happened and when, an extension's new date
 * and its art. 36 notice; the reason and the outcome only where the officer chose to inform the
 * resident (the `inform` flag). Who acted is never said.
 */
function eventNotice(c: CaseRecord, events: readonly CaseEvent[], e: CaseEvent): Notice {
  return {
    type: e.type,
    at: e.at,
    ...(e.type === 'extended' && e.until && { until: e.until, notice: extensionNotice(c, events, e) }),
    ...(e.inform && e.reason && { reason: e.reason }),
    ...(e.inform && e.outcome && { outcome: e.outcome }),
  };
}

/**
 * Where an application stands: registered; forwarded once a department was given it (assigned,
 * or passed on by another); accepted by it; then its case's status, with the znak and, while
 * the clock runs, the deadline. Officers, the notes of an assignment and a forwarding's reasons
 * are the office's own and stay out.
 */
export function applicationBody(a: ResidentApplication): ApplicationBody {
  const { entry, dispatches, caseFile } = a;
  const last = dispatches.at(-1);
  const notices: Notice[] = dispatches
    .filter((d) => d.kind === 'forwarded')
    .map((d) => ({ type: 'forwarded', at: d.at, department: d.department }));
  const base = {
    registryNumber: entry.registryNumber,
    procedure: entry.procedure && { id: entry.procedure.id, version: entry.procedure.version },
    receivedAt: entry.receivedAt,
  };
  if (!caseFile) {
    return {
      ...base,
      department: last?.department ?? entry.department,
      status: last ? (last.kind === 'accepted' ? 'accepted' : 'forwarded') : 'registered',
      statusAt: last?.at ?? entry.receivedAt,
      notices,
    };
  }
  const { case: c, events } = caseFile;
  notices.push(...events.map((e) => eventNotice(c, events, e)));
  notices.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
  return {
    ...base,
    department: c.department,
    status: CASE_STATUS[c.status],
    statusAt: events.at(-1)?.at ?? c.openedAt,
    caseNumber: c.caseNumber,
    ...(c.dueOn && { deadline: c.dueOn }),
    notices,
  };
}

type SignedFile = NonNullable<ResidentDocuments['signedFiles']>[number];

/**
 * What the register recorded of a filing signed outside ebok: the format of the one file, or
 * each signer's file (kept beside the attachments) where several signed.
 */
interface StatutoryRecord {
  readonly format: SignedFileFormat;
  readonly signers?: ReadonlyArray<{ readonly format: SignedFileFormat; readonly signedFileSha256: string }>;
}

/**
 * An application as its signer downloads it again: the document exactly as registered, its
 * city signature or the files signed outside ebok (the one the register keeps, or each
 * co-signer's from the blobs), and the receipt. Attachments stay out: what is sent is what one
 * filing's request held (the document, one signature or at most ten signed files), re-encoded.
 */
export async function documentsBody(stored: StoredDocument, blobs: BlobStore): Promise<ResidentDocuments> {
  const { entry, signature } = stored;
  const statutory =
    entry.signatureKind && entry.signatureKind !== 'city' && signature
      ? (entry.verification as StatutoryRecord)
      : undefined;
  let signedFiles: SignedFile[] | undefined;
  if (statutory?.signers?.length) {
    signedFiles = [];
    for (const s of statutory.signers) {
      const bytes = await blobs.get(s.signedFileSha256);
      if (!bytes) throw new Error(`signed file ${s.signedFileSha256} of ${entry.registryNumber} is missing`);
      signedFiles.push({ format: s.format, sha256: s.signedFileSha256, content: toBase64(bytes) });
    }
  } else if (statutory && signature) {
    signedFiles = [{ format: statutory.format, sha256: toHex(await sha256(signature)), content: toBase64(signature) }];
  }
  return {
    registryNumber: entry.registryNumber,
    mediaType: stored.mediaType,
    document: new TextDecoder().decode(stored.document),
    ...(entry.signatureKind === 'city' && signature && { signature: toBase64(signature) }),
    ...(signedFiles && { signedFiles }),
    receipt: receiptBody(entry, stored.receipt),
  };
}
