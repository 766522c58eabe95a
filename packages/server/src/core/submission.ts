/** @module A signed submission checked before anything is written: envelope, signature, signer, data and attachments. */
import {
  acceptedSignatures,
  type ProcedureValidator,
  type SignatureKind,
  type ValidationIssue,
} from '@ebok/forms-core/runtime';
import { type CertificateCache, parseCanonicalJson, type TrustAnchor, verifyDetached } from '@ebok/forms-core/signing';
import { type ResidentIdentity, sha256, toHex } from '@ebok/forms-core/pki';
import { applicationDocument, type ApplicationEnvelope } from '@ebok/forms-core/document';
import type { TrustedIssuer } from '@ebok/forms-core/esign';
import { checkAttachmentImage } from '@ebok/forms-core/runtime/image';
import type { SubmittedDocument } from '@ebok/schemas/api';
import type { Config, Limits } from './config.js';
import { exceedsJsonDepth } from './json-limits.js';
import { readPartsInTurns } from './multipart.js';
import type { Lang } from './problems.js';
import { Problem } from './problems.js';
import type { CatalogueEntry, ProcedureRegistry } from './procedures.js';
import type { RevocationCheck } from './revocation.js';
import { checkSigner, checkSigners, type Cosigner, MAX_SIGNED_FILES } from './signers.js';
import { type StatutoryVerification } from './statutory.js';
import type { Storage } from './platform.js';
import { checkBody } from './validate.js';

/** The signed document's envelope (DESIGN: signatures and certificates), as its schema types it. */
export type { SubmittedDocument };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Checks the envelope by its schema (`invalid-document` naming what is wrong), and that no
 * attachment is named twice; the form data itself is the procedure validator's job.
 */
export function readEnvelope(value: unknown, lang: Lang = 'pl'): SubmittedDocument {
  const document = checkBody('SubmittedDocument', value, lang, 'invalid-document');
  const names = new Set<string>();
  for (const { name } of document.attachments) {
    if (names.has(name)) throw new Problem('invalid-document', `attachment "${name}" appears twice`);
    names.add(name);
  }
  return document;
}

/** What is wrong with a file beside the signed document, by code, in the three languages. */
const ATTACHMENT_MISMATCHES = {
  'attachment.part-missing': {
    pl: 'Nie przesłano pliku tego załącznika.',
    en: 'The file of this attachment was not sent.',
    uk: 'Файл цього додатка не надіслано.',
  },
  'attachment.size-mismatch': {
    pl: 'Rozmiar pliku nie zgadza się z podpisanym dokumentem.',
    en: "The file's size does not match the signed document.",
    uk: 'Розмір файлу не відповідає підписаному документу.',
  },
  'attachment.sha256-mismatch': {
    pl: 'Zawartość pliku nie zgadza się z podpisanym dokumentem.',
    en: "The file's content does not match the signed document.",
    uk: 'Вміст файлу не відповідає підписаному документу.',
  },
  'attachment.undeclared-part': {
    pl: 'Tego pliku nie ma w podpisanym dokumencie.',
    en: 'This file is not listed in the signed document.',
    uk: 'Цього файлу немає в підписаному документі.',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export const localized = (issue: ValidationIssue, lang: Lang) => ({
  pointer: issue.pointer,
  code: issue.code,
  message: issue.message[lang],
});

export interface ParsedSubmission {
  readonly documentBytes: Uint8Array;
  /** The city certificate's CMS over the document bytes (part "signature") … */
  readonly signature?: Uint8Array;
  /**
   * … or the files signed with statutory signatures (parts "signed-file"), each the PDF signed or a
   * .p7s or .xml over it: one per person who must sign (co-owners sign one each).
   */
  readonly signedFiles?: readonly Uint8Array[];
  readonly files: ReadonlyMap<string, Uint8Array>;
}

/**
 * Reads the multipart parts: "document", then "signature" (one) or "signed-file" (one for each
 * person who signs, at most {@link MAX_SIGNED_FILES}), and one part per attachment name.
 */
export async function readMultipart(
  contentType: string | undefined,
  body: Uint8Array,
  config: Config,
): Promise<ParsedSubmission> {
  // Each part is a view of the body (already within the request's limit); each kind has its own
  // limit, checked below, so that an oversized document is named as one.
  const parts = await readPartsInTurns(contentType, body, body.length);
  const named = (name: string) => parts.filter((p) => p.name === name);
  const [document, ...moreDocuments] = named('document');
  const signatures = named('signature');
  const signedFiles = named('signed-file');
  if (!document || moreDocuments.length > 0)
    throw new Problem('multipart-shape', 'exactly one part named "document" is required');
  if (signatures.length + signedFiles.length === 0 || signatures.length > 1)
    throw new Problem(
      'multipart-shape',
      'exactly one part named "signature", or one or more named "signed-file", is required',
    );
  if (signatures.length > 0 && signedFiles.length > 0)
    throw new Problem(
      'multipart-shape',
      'the city signature ("signature") and signed files ("signed-file") cannot be filed together',
    );
  if (signedFiles.length > MAX_SIGNED_FILES)
    throw new Problem('multipart-shape', `at most ${MAX_SIGNED_FILES} parts named "signed-file" are taken`);
  if (document.bytes.length > config.limits.documentBytes)
    throw new Problem('request-too-large', `the document part is larger than ${config.limits.documentBytes} bytes`);
  const [signature] = signatures;
  const limit = signature ? config.limits.signatureBytes : config.limits.signedFileBytes;
  for (const part of signature ? [signature] : signedFiles) {
    if (part.bytes.length > limit)
      throw new Problem('request-too-large', `the ${part.name} part is larger than ${limit} bytes`);
  }
  const files = new Map<string, Uint8Array>();
  for (const part of parts) {
    if (part.name === 'document' || part.name === 'signature' || part.name === 'signed-file') continue;
    if (files.has(part.name)) throw new Problem('multipart-shape', `the part "${part.name}" appears twice`);
    if (part.bytes.length > config.maxAttachmentBytes)
      throw new Problem('attachment-too-large', `a part is larger than ${config.maxAttachmentBytes} bytes`);
    files.set(part.name, part.bytes);
  }
  return {
    documentBytes: document.bytes,
    ...(signature ? { signature: signature.bytes } : { signedFiles: signedFiles.map((p) => p.bytes) }),
    files,
  };
}

export interface CheckedSubmission {
  readonly document: SubmittedDocument;
  readonly documentSha256: string;
  readonly department: string;
  readonly signer: ResidentIdentity | { subject: string };
  /**
   * Who signed, as idempotency keys and nonces are scoped: their semantics identifier
   * (`PNOPL-<PESEL>` …), so nobody can take another's key or nonce first.
   */
  readonly signerId: string;
  /** Every person who signed, by semantics identifier: whose applications it is (resident.ts). */
  readonly signerIds: readonly string[];
  readonly title: string;
  /** How it was signed: the city certificate, or a statutory signature with what was verified of it. */
  readonly signatureKind: 'city' | StatutoryVerification['kind'];
  /** What was verified of the statutory signatures: the first signer's, and every signer's where several signed. */
  readonly verification?: StatutoryVerification & { readonly signers?: readonly Cosigner[] };
  /** The signed files kept beside the attachments (by SHA-256), where several people signed. */
  readonly signedFiles?: ReadonlyArray<{ readonly sha256: string; readonly bytes: Uint8Array }>;
}

/**
 * The checks, in the contract's order after size and shape: canonical JSON, known procedure and
 * version, signature (chain, validity, revocation), the procedure's schema, the attachments.
 */
export async function checkSubmission(
  parsed: ParsedSubmission,
  deps: {
    procedures: ProcedureRegistry;
    trustAnchors: readonly TrustAnchor[];
    cache: CertificateCache;
    storage: Storage;
    now: Date;
    limits: Limits;
    /** The issuers trusted for qualified and personal signatures (none: such filings are refused). */
    trustedIssuers?: readonly TrustedIssuer[];
    /** How a statutory signer's certificate is checked for revocation (not at all without it). */
    revocation?: RevocationCheck;
  },
  lang: Lang,
): Promise<CheckedSubmission> {
  const { limits } = deps;
  let text: string;
  try {
    text = utf8.decode(parsed.documentBytes);
  } catch {
    throw new Problem('not-canonical', 'the document is not UTF-8');
  }
  if (exceedsJsonDepth(text, limits.jsonDepth))
    throw new Problem('json-too-deep', `more than ${limits.jsonDepth} levels`);
  let parsedJson: { value: unknown } | undefined;
  try {
    parsedJson = parseCanonicalJson(text);
  } catch {
    parsedJson = undefined; // e.g. nesting too deep to canonicalize
  }
  if (!parsedJson) throw new Problem('not-canonical');
  const document = readEnvelope(parsedJson.value, lang);
  if (Date.parse(document.submittedAt) > deps.now.getTime() + limits.clockSkewSeconds * 1000)
    throw new Problem('invalid-document', '"submittedAt" is in the future');

  const entry = deps.procedures.find(document.procedure, document.schemaVersion);
  const validator: ProcedureValidator | undefined = entry && (await deps.procedures.validator(entry.id, entry.version));
  if (!entry || !validator) {
    throw new Problem('unknown-procedure', `${document.procedure} ${document.schemaVersion}`);
  }

  const accepted = acceptedSignatures(entry);
  if (parsed.signedFiles) {
    if (!accepted.some((k) => k !== 'city')) notAccepted(entry, 'qualified');
    return checkStatutory(parsed, parsed.signedFiles, document, entry, validator, deps, lang);
  }
  if (!accepted.includes('city')) notAccepted(entry, 'city');
  const verified = await verifyDetached(parsed.documentBytes, parsed.signature!, {
    trustAnchors: deps.trustAnchors,
    now: deps.now,
    cache: deps.cache,
    isRevoked: (serial) => deps.storage.pki.isRevoked(serial),
    // Only residents' certificates sign applications (not the service's, which signs receipts).
    purpose: 'resident',
    maxClockSkewMs: limits.clockSkewSeconds * 1000,
    limits: { maxCertificates: limits.cmsCertificates, maxSigners: 1 },
  });
  if (!verified.ok) {
    const type =
      verified.error === 'certificate-revoked'
        ? 'certificate-revoked'
        : [
              'unknown-issuer',
              'certificate-expired',
              'certificate-not-yet-valid',
              'key-usage',
              'certificate-purpose',
              'trust-anchor-invalid',
            ].includes(verified.error)
          ? 'certificate-invalid'
          : 'signature-invalid';
    throw new Problem(type, undefined, { reason: verified.error, reasonDetail: verified.detail });
  }

  validateData(document, validator, lang);
  checkSigner(document, entry, verified.signer.identifier);
  await checkAttachments(parsed, document, entry, lang);
  const signer = verified.signer.identity ?? { subject: verified.signer.subject };
  return {
    document,
    documentSha256: verified.contentSha256,
    department: entry.department,
    signer,
    signerId: verified.signer.identifier ?? `cert:${verified.signer.certificateSha256}`,
    signerIds: verified.signer.identifier ? [verified.signer.identifier] : [],
    title: registerSubject(entry),
    signatureKind: 'city',
  };
}

/**
 * What the register calls a filing: the procedure's title; for a procedure an act lets be filed
 * only elsewhere (its `channel`), a notice of the resident's visit, which says so, never a title
 * that passes for the application itself.
 */
export function registerSubject(entry: CatalogueEntry): string {
  return entry.channel?.kind === 'elsewhere'
    ? `Zgłoszenie wizyty (wniosek składa się: ${entry.channel.service.pl}): ${entry.title.pl}`
    : entry.title.pl;
}

/** A filing signed in a way its procedure does not accept here (its schema, narrowed by the city). */
function notAccepted(entry: CatalogueEntry, kind: SignatureKind): never {
  throw new Problem('signature-kind-not-accepted', undefined, {
    signatureKind: kind,
    accepted: [...acceptedSignatures(entry)],
  });
}

/** The data against its procedure's schema. */
function validateData(document: SubmittedDocument, validator: ProcedureValidator, lang: Lang): void {
  const result = validator.validate(document.data, document.attachments);
  if (!result.valid) {
    throw new Problem('validation-failed', undefined, { errors: result.errors.map((e) => localized(e, lang)) });
  }
}

/**
 * The files must be exactly the attachments the signed document declares; then each one whose
 * procedure states its pixel size (`image`) must be a JPEG or PNG of that size, by its own bytes
 * (`validation-failed`, as the browser says before it is sent).
 */
async function checkAttachments(
  parsed: ParsedSubmission,
  document: SubmittedDocument,
  entry: CatalogueEntry,
  lang: Lang,
): Promise<void> {
  const problems: Array<{ pointer: string; code: string; message: string }> = [];
  const mismatch = (name: string, code: keyof typeof ATTACHMENT_MISMATCHES) =>
    problems.push({ pointer: `/attachments/${name}`, code, message: ATTACHMENT_MISMATCHES[code][lang] });
  const declared = new Set(document.attachments.map((a) => a.name));
  for (const a of document.attachments) {
    const bytes = parsed.files.get(a.name);
    if (!bytes) mismatch(a.name, 'attachment.part-missing');
    else if (bytes.length !== a.size) mismatch(a.name, 'attachment.size-mismatch');
    else if (toHex(await sha256(bytes)) !== a.sha256) mismatch(a.name, 'attachment.sha256-mismatch');
  }
  for (const name of parsed.files.keys()) {
    if (!declared.has(name)) mismatch(name, 'attachment.undeclared-part');
  }
  if (problems.length > 0) throw new Problem('attachment-mismatch', undefined, { errors: problems });
  const images = [];
  for (const a of document.attachments) {
    const spec = entry.attachments.find((s) => s.name === a.name);
    const issue = spec && checkAttachmentImage(spec, a.mediaType, parsed.files.get(a.name)!);
    if (issue) images.push(localized(issue, lang));
  }
  if (images.length > 0) throw new Problem('validation-failed', undefined, { errors: images });
}

/**
 * A filing signed with a qualified signature, podpis zaufany or podpis osobisty: the document it
 * must cover is the PDF made from the envelope (docs/signed-document.md); each signed file is
 * verified as statutory.ts says, and together they must be signed by exactly the people who
 * must sign (signers.ts).
 */
async function checkStatutory(
  parsed: ParsedSubmission,
  signedFiles: readonly Uint8Array[],
  document: SubmittedDocument,
  entry: CatalogueEntry,
  validator: ProcedureValidator,
  deps: {
    procedures: ProcedureRegistry;
    now: Date;
    limits: Limits;
    trustedIssuers?: readonly TrustedIssuer[];
    revocation?: RevocationCheck;
  },
  lang: Lang,
): Promise<CheckedSubmission> {
  const model = await deps.procedures.formModel(entry.id, entry.version);
  if (!model) throw new Problem('unknown-procedure', `${entry.id} ${entry.version}`);
  // Data first: a document is made only for a valid application.
  validateData(document, validator, lang);
  const { pdf } = await applicationDocument(model, document as ApplicationEnvelope);
  const {
    first,
    identifiers,
    verification,
    signedFiles: kept,
  } = await checkSigners(signedFiles, pdf, document.data, entry, {
    trusted: deps.trustedIssuers ?? [],
    now: deps.now,
    maxClockSkewMs: deps.limits.clockSkewSeconds * 1000,
    ...(deps.revocation && { revocation: deps.revocation }),
  });
  // Every signer's kind must be one the procedure accepts here.
  for (const { kind } of verification.signers ?? [verification]) {
    if (!acceptedSignatures(entry).includes(kind)) notAccepted(entry, kind);
  }
  await checkAttachments(parsed, document, entry, lang);
  return {
    document,
    documentSha256: toHex(await sha256(parsed.documentBytes)),
    department: entry.department,
    signer: first.identity ?? { subject: first.subject },
    signerId: first.identifier ?? `cert:${first.certificateSha256}`,
    signerIds: identifiers,
    title: registerSubject(entry),
    signatureKind: verification.kind,
    verification,
    ...(kept && { signedFiles: kept }),
  };
}
