/** @module Who signed a filing: the person the procedure names, or every one of several (co-owners) who each signed the application's PDF. */
import { expectedSigner, expectedSigners, type ExpectedSigner } from '@ebok/forms-core/runtime';
import { sha256, toHex } from '@ebok/forms-core/pki';
import type { StatutorySigner } from '@ebok/forms-core/esign';
import type { SubmittedDocument } from '@ebok/schemas/api';
import { Problem } from './problems.js';
import type { CatalogueEntry } from './procedures.js';
import { verifySignedFile, type StatutoryVerification } from './statutory.js';

/** The most signed files one filing takes: a list of people who sign holds at most ten. */
export const MAX_SIGNED_FILES = 10;

/** One of several signers as the register records them: what was verified, who in the data, which file. */
export interface Cosigner extends StatutoryVerification {
  readonly pointer: string;
  readonly signedFileSha256: string;
}

/** The pointer to blame when the data names no one: a list's first item for a `/*` pointer. */
const fallbackPointer = (signers: readonly string[]): string => signers[signers.length - 1]!.replace(/\/\*$/, '/0');

/** The signer must be the person filing: of the procedure's signers, the first the data names. */
export function checkSigner(document: SubmittedDocument, entry: CatalogueEntry, signerId: string | undefined): void {
  if (!entry.signers) return;
  const everyone = expectedSigners(document.data, entry.signers);
  const expected = expectedSigner(document.data, entry.signers);
  if (!signerId || !expected?.identifier || expected.identifier !== signerId) {
    throw new Problem('signer-mismatch', undefined, { pointer: expected?.pointer ?? fallbackPointer(entry.signers) });
  }
  // The city certificate signs for one person: where several must sign, they file signed files.
  const other = everyone.find((e) => e.identifier !== signerId);
  if (other) throw refusal(other.identifier ? 'one-certificate' : 'not-signed', other, undefined);
}

const TEXTS = {
  'not-signed': {
    pl: 'Wniosek muszą podpisać wszystkie wskazane w nim osoby (na przykład każdy współwłaściciel), a jedna z nich go nie podpisała. Każda podpisuje pobrany wniosek osobno; dodaj wszystkie podpisane pliki.',
    en: 'Everyone the application names must sign it (for example each co-owner), and one of them has not. Each signs the downloaded application separately; add every signed file.',
    uk: 'Заяву мають підписати всі зазначені в ній особи (наприклад, кожен співвласник), а одна з них її не підписала. Кожен підписує завантажену заяву окремо; додайте всі підписані файли.',
  },
  'one-certificate': {
    pl: 'Wniosek muszą podpisać wszystkie wskazane w nim osoby (na przykład każdy współwłaściciel), a certyfikat urzędu miasta podpisuje za jedną. Pobierz wniosek jako plik PDF: każda z tych osób podpisuje go swoim podpisem (zaufanym, kwalifikowanym albo osobistym); dodaj wszystkie podpisane pliki.',
    en: 'Everyone the application names must sign it (for example each co-owner), and the city certificate signs for one person. Download the application as a PDF: each of them signs it with their own signature (trusted, qualified or personal); add every signed file.',
    uk: 'Заяву мають підписати всі зазначені в ній особи (наприклад, кожен співвласник), а сертифікат міської ради підписує лише за одну. Завантажте заяву у форматі PDF: кожна з цих осіб підписує її своїм підписом (довіреним, кваліфікованим або особистим); додайте всі підписані файли.',
  },
  'cannot-sign': {
    pl: 'Firma lub instytucja nie może sama podpisać wniosku: składa go za nią pełnomocnik, który podpisuje wniosek. Wskaż pełnomocnika we wniosku.',
    en: 'A company or institution cannot sign the application itself: a proxy files it on its behalf and signs it. Name the proxy in the application.',
    uk: 'Підприємство або установа не може саме підписати заяву: її подає та підписує довірена особа. Зазначте довірену особу в заяві.',
  },
  'not-a-signer': {
    pl: 'Jeden z plików podpisała osoba, której wniosek nie wskazuje jako podpisującej. Podpisać muszą osoby wskazane we wniosku.',
    en: 'One of the files was signed by someone the application does not name as a signer. The people the application names must sign it.',
    uk: 'Один із файлів підписала особа, яку заява не зазначає як підписанта. Підписати мають особи, зазначені в заяві.',
  },
  'signed-twice': {
    pl: 'Ta sama osoba podpisała dwa z dodanych plików. Każda z osób wskazanych we wniosku podpisuje go raz.',
    en: 'The same person signed two of the files. Each person the application names signs it once.',
    uk: 'Та сама особа підписала два з доданих файлів. Кожна особа, зазначена в заяві, підписує її один раз.',
  },
} as const;

/** A signer-mismatch with why (`reason`), the person it is about (`pointer`) and the file (`signedFile`, from 0). */
function refusal(reason: keyof typeof TEXTS, person: ExpectedSigner, file: number | undefined): Problem {
  const why = reason !== 'signed-twice' && !person.identifier ? 'cannot-sign' : reason;
  return new Problem('signer-mismatch', TEXTS[why], {
    reason: why,
    pointer: person.pointer,
    ...(file !== undefined && { signedFile: file }),
  });
}

/**
 * Verifies each signed file on its own against `pdf` (statutory.ts), then matches the signers to
 * the people who must sign: exactly them, each once. A file signed by someone else is named
 * (`signedFile`, its place among the parts) with the person still to sign; a person who has not
 * signed is named by `pointer`. The verification is the first signer's (in the data's order),
 * with every signer beside it where several signed; their files are then kept by SHA-256.
 */
export async function checkSigners(
  files: readonly Uint8Array[],
  pdf: Uint8Array,
  data: unknown,
  entry: CatalogueEntry,
  options: Parameters<typeof verifySignedFile>[2],
): Promise<{
  readonly first: StatutorySigner;
  /** Every signer's semantics identifier, as far as their certificates name one. */
  readonly identifiers: readonly string[];
  readonly verification: StatutoryVerification & { readonly signers?: readonly Cosigner[] };
  readonly signedFiles?: ReadonlyArray<{ readonly sha256: string; readonly bytes: Uint8Array }>;
}> {
  const expected = entry.signers ? expectedSigners(data, entry.signers) : [];
  if (files.length > Math.max(1, expected.length))
    throw new Problem(
      'multipart-shape',
      `${files.length} parts named "signed-file", but ${Math.max(1, expected.length)} ${expected.length > 1 ? 'people sign' : 'person signs'} this application`,
    );
  const verified: Array<Awaited<ReturnType<typeof verifySignedFile>>> = [];
  for (const [i, file] of files.entries()) {
    try {
      verified.push(await verifySignedFile(file, pdf, options));
    } catch (e) {
      // Which of several files is refused, so the resident knows which to sign again.
      if (e instanceof Problem && files.length > 1) throw new Problem(e.type, e.detail, { ...e.extra, signedFile: i });
      throw e;
    }
  }
  const identifiers = verified.flatMap((v) => (v.signer.identifier ? [v.signer.identifier] : []));
  if (!entry.signers) return { first: verified[0]!.signer, identifiers, verification: verified[0]!.verification };
  if (expected.length === 0)
    throw new Problem('signer-mismatch', undefined, { pointer: fallbackPointer(entry.signers) });

  const signedBy = new Map<number, number>(); // expected person → file
  const strangers: number[] = [];
  for (const [i, { signer }] of verified.entries()) {
    const person = expected.findIndex((e) => e.identifier !== undefined && e.identifier === signer.identifier);
    if (person < 0) strangers.push(i);
    else if (signedBy.has(person)) throw refusal('signed-twice', expected[person]!, i);
    else signedBy.set(person, i);
  }
  const missing = expected.find((_, j) => !signedBy.has(j));
  // One person filing: the refusal it always was, naming the person who must sign.
  if (expected.length === 1 && missing) throw new Problem('signer-mismatch', undefined, { pointer: missing.pointer });
  if (strangers.length > 0) throw refusal('not-a-signer', missing ?? expected[0]!, strangers[0]);
  if (missing) throw refusal('not-signed', missing, undefined);

  const inOrder = expected.map((_, j) => signedBy.get(j)!);
  const first = verified[inOrder[0]!]!;
  if (inOrder.length === 1) return { first: first.signer, identifiers, verification: first.verification };
  const kept = await Promise.all(
    inOrder.map(async (i) => ({ sha256: toHex(await sha256(files[i]!)), bytes: files[i]! })),
  );
  const signers: Cosigner[] = inOrder.map((i, j) => ({
    ...verified[i]!.verification,
    pointer: expected[j]!.pointer,
    signedFileSha256: kept[j]!.sha256,
  }));
  return { first: first.signer, identifiers, verification: { ...first.verification, signers }, signedFiles: kept };
}
