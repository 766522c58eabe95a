import { msg, str } from '@lit/localize';
import type { BrowserFormModel, Lang } from '@ebok/forms-core/runtime/base';
import { submittable, type JsonObject } from './data.js';
import { attachmentRefs, type AttachedFile, type FileSubmission } from './drafts.js';
import type { Problem } from './submit.js';

/** The answers a document is made of. */
export interface Answers {
  readonly model: BrowserFormModel;
  readonly data: JsonObject;
  readonly attachments: Readonly<Record<string, AttachedFile>>;
}

/** The kinds of signature an office accepts, in the resident's words. */
function acceptedKinds(kinds: readonly string[] | undefined): string {
  const names: Record<string, () => string> = {
    city: () => msg('certyfikat urzędu miasta', { id: 'sign-kind.city' }),
    qualified: () => msg('podpis kwalifikowany', { id: 'sign-kind.qualified' }),
    'trusted-profile': () => msg('podpis zaufany', { id: 'sign-kind.trusted-profile' }),
    personal: () => msg('podpis osobisty (e-dowód)', { id: 'sign-kind.personal' }),
  };
  return (kinds ?? [])
    .map((k) => names[k]?.())
    .filter(Boolean)
    .join(', ');
}

/** The signed files (the code before signing does not carry this) a document is kept with, in the order they were given. */
export const signedFilesOf = (fixed: FileSubmission | undefined): readonly File[] =>
  fixed?.signedFiles ?? (fixed?.signedFile ? [fixed.signedFile] : []);

/** A key for a document or a request, random and URL-safe. */
export const randomKey = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
};

/**
 * The document for a resident to sign outside ebok, fixed now (its nonce and time): the PDF they
 * download and the document they file with the signed file must be the same bytes.
 */
export async function fixDocument(journey: Answers): Promise<FileSubmission> {
  const { documentText } = await import('../signing/index.js');
  const { id, version } = journey.model.procedure;
  return {
    way: 'file',
    document: documentText({
      procedure: id,
      schemaVersion: version,
      data: submittable(journey.model.fields, journey.data),
      attachments: attachmentRefs(journey.attachments).map((a) => ({ ...a, sha256: a.sha256! })),
      submittedAt: new Date().toISOString(),
      nonce: randomKey(),
    }),
    idempotencyKey: randomKey(),
  };
}

/** The application as a PDF, as the intake server makes it from the fixed document (`POST /v1/documents`). */
export class DocumentError extends Error {
  override name = 'DocumentError';
  constructor(readonly problem?: Problem) {
    super(problem?.detail ?? problem?.title ?? 'unreachable');
  }
}

/** The PDF of `document` from the intake server at `endpoint`. */
export async function fetchApplicationPdf(endpoint: string, document: string, lang: Lang): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(`${endpoint}/v1/documents`, {
      method: 'POST',
      body: document,
      headers: { 'content-type': 'application/json', 'accept-language': lang },
      credentials: 'omit',
    });
  } catch {
    throw new DocumentError();
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as Partial<Problem>;
    throw new DocumentError(
      response.status >= 500
        ? undefined
        : {
            type: String(body.type ?? 'about:blank'),
            title: String(body.title ?? response.statusText),
            status: response.status,
            ...(body.detail ? { detail: String(body.detail) } : {}),
            ...(Array.isArray(body.errors) ? { errors: body.errors } : {}),
          },
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}

/** The name the PDF is saved under: the procedure and the day the document was fixed. */
export const pdfName = (document: string, procedure: string): string => {
  const day = /"submittedAt":"(\d{4}-\d{2}-\d{2})/.exec(document)?.[1];
  return `wniosek-${procedure}${day ? `-${day}` : ''}.pdf`;
};

/**
 * What the browser can tell of a signed file before sending it: `pdf` (a PDF that begins with the
 * downloaded one, as a PAdES signature adds to it), `der` (a CMS, .p7s) or `xml` (XAdES, as
 * podpis zaufany makes it): the office checks what those cover; or why it cannot be the signed
 * application.
 */
export type FileCheck = 'pdf' | 'der' | 'unsigned' | 'not-this-document' | 'xml' | 'unsupported';

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

export async function checkSignedFile(file: Blob, pdf: Uint8Array): Promise<FileCheck> {
  const head = new Uint8Array(await file.slice(0, Math.max(pdf.length, 64)).arrayBuffer());
  if (PDF_MAGIC.every((b, i) => head[i] === b)) {
    for (let i = 0; i < pdf.length; i++) if (head[i] !== pdf[i]) return 'not-this-document';
    return file.size > pdf.length ? 'pdf' : 'unsigned';
  }
  // A DER SEQUENCE: a CMS SignedData (CAdES), detached or carrying the PDF.
  if (head[0] === 0x30) return 'der';
  const text = new TextDecoder()
    .decode(head.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return text.startsWith('<') ? 'xml' : 'unsupported';
}

/** What to tell a resident whose file the browser already knows the office would refuse. */
export function fileCheckMessage(check: FileCheck): string | undefined {
  switch (check) {
    case 'not-this-document':
      return msg(
        'To nie jest dokument pobrany z tej strony. Podpisz plik PDF pobrany w kroku 1, bez zmieniania go, i dodaj plik z podpisem.',
        { id: 'sign-file.not-this-document' },
      );
    case 'unsigned':
      return msg(
        'Ten plik nie jest podpisany: to pobrany wniosek bez podpisu. Podpisz go w aplikacji do podpisu i dodaj plik, który aplikacja zapisała.',
        { id: 'sign-file.unsigned' },
      );
    case 'unsupported':
      return msg(
        'Tego pliku nie można złożyć. Dodaj podpisany wniosek: plik PDF z podpisem, plik .xml albo plik .p7s.',
        {
          id: 'sign-file.unsupported',
        },
      );
    default:
      return undefined;
  }
}

const unsupportedFormat = (): string =>
  msg(
    'Urząd nie przyjmuje tego formatu podpisu. Podpisz pobrany plik PDF i dodaj plik z podpisem: PDF (PAdES), plik .xml (XAdES) albo plik .p7s (CAdES).',
    { id: 'sign-file.unsupported-format' },
  );

const signAgain = (): string =>
  msg('Podpisz pobrany plik PDF jeszcze raz i dodaj nowy plik.', { id: 'sign-file.sign-again' });

/**
 * The office's refusal of a signed file, in the resident's language, with what to do; undefined
 * for a problem that is not about the signature or its certificate.
 */
export function refusalMessage(problem: Problem): string | undefined {
  const type = problem.type.replace('urn:ebok:problem:', '');
  if (type === 'signature-invalid') {
    switch (problem.reason) {
      case 'content-mismatch':
        return fileCheckMessage('not-this-document');
      case 'not-signed':
        return msg(
          'W pliku nie ma podpisu. Podpisz pobrany plik PDF w aplikacji do podpisu i dodaj plik, który aplikacja zapisała po podpisaniu.',
          { id: 'sign-file.not-signed' },
        );
      case 'several-signatures':
        return msg(
          'Plik ma więcej niż jeden podpis. Wniosek podpisuje jedna osoba: podpisz pobrany plik PDF tylko raz i dodaj nowy plik.',
          { id: 'sign-file.several-signatures' },
        );
      case 'not-whole-document':
        return msg(
          'Podpis nie obejmuje całego dokumentu (plik zmieniono po podpisaniu). Podpisz pobrany plik PDF jeszcze raz i nie zmieniaj go po podpisaniu.',
          { id: 'sign-file.not-whole-document' },
        );
      case 'unsupported-format':
        return unsupportedFormat();
      case 'malformed':
        return msg(
          'Nie udało się odczytać podpisu w pliku. Dodaj plik, który zapisała usługa albo aplikacja do podpisu: PDF z podpisem, plik .xml albo plik .p7s.',
          { id: 'sign-file.malformed' },
        );
      default:
        return `${msg('Podpis w pliku jest nieprawidłowy.', { id: 'sign-file.signature-invalid' })} ${signAgain()}`;
    }
  }
  if (type === 'certificate-invalid') {
    switch (problem.reason) {
      case 'unknown-issuer':
        return msg(
          'Urząd nie przyjmuje podpisów z certyfikatem tego wystawcy. Podpisz wniosek podpisem zaufanym, kwalifikowanym albo osobistym (e-dowód) albo wybierz podpis certyfikatem urzędu miasta.',
          { id: 'sign-file.unknown-issuer' },
        );
      case 'not-qualified':
        return msg(
          'Plik podpisano certyfikatem, który nie jest certyfikatem podpisu kwalifikowanego. Podpisz wniosek podpisem kwalifikowanym albo podpisem osobistym (e-dowód).',
          { id: 'sign-file.not-qualified' },
        );
      case 'certificate-expired':
        return msg(
          'Certyfikat, którym podpisano plik, wygasł. Podpisz wniosek ważnym certyfikatem albo wybierz podpis certyfikatem urzędu miasta.',
          { id: 'sign-file.certificate-expired' },
        );
      case 'certificate-not-yet-valid':
        return msg(
          'Certyfikat, którym podpisano plik, nie jest jeszcze ważny. Sprawdź datę i godzinę w komputerze albo podpisz wniosek innym certyfikatem.',
          { id: 'sign-file.certificate-not-yet-valid' },
        );
      case 'key-usage':
        return msg(
          'Certyfikatu, którym podpisano plik, nie można używać do podpisywania dokumentów (na przykład to certyfikat do logowania). Podpisz plik certyfikatem do podpisu: w e-dowodzie to podpis osobisty z jego własnym kodem PIN.',
          { id: 'sign-file.key-usage' },
        );
      default:
        return `${msg('Certyfikat, którym podpisano plik, nie jest ważny.', { id: 'sign-file.certificate-invalid' })} ${signAgain()}`;
    }
  }
  if (type === 'certificate-revoked')
    return msg(
      'Certyfikat, którym podpisano plik, został unieważniony przez jego wystawcę. Podpisz wniosek ważnym certyfikatem albo wybierz podpis certyfikatem urzędu miasta.',
      { id: 'sign-file.certificate-revoked' },
    );
  if (type === 'revocation-unavailable')
    return msg(
      'Urząd nie może teraz sprawdzić, czy certyfikat podpisu nie został unieważniony. Twój podpis może być prawidłowy: złóż ten sam plik ponownie za kilka minut.',
      { id: 'sign-file.revocation-unavailable' },
    );
  if (type === 'signer-mismatch' && problem.reason) {
    const several = signersMessage(problem.reason);
    if (several) return several;
  }
  if (type === 'signer-mismatch')
    return msg(
      'Plik podpisała inna osoba niż ta, która według wniosku go składa. Podpisać musi osoba wskazana we wniosku. Jeśli jej dane są błędne, popraw je: wtedy pobierz i podpisz nowy dokument.',
      { id: 'sign-file.signer-mismatch' },
    );
  if (type === 'signature-kind-not-accepted')
    return msg(
      str`Urząd nie przyjmuje tego wniosku z takim podpisem. Podpisz go w jeden z tych sposobów: ${acceptedKinds(problem.accepted)}.`,
      { id: 'sign-file.kind-not-accepted' },
    );
  if (type === 'validation-failed')
    return msg('Urząd znalazł błędy we wniosku. Popraw je, a potem pobierz i podpisz nowy dokument.', {
      id: 'sign-file.validation-failed',
    });
  return undefined;
}

/** Why the signers of several files are not the people who must sign (co-owners), and what to do. */
function signersMessage(reason: string): string | undefined {
  switch (reason) {
    case 'not-signed':
    case 'one-certificate':
      return msg(
        'Wniosek muszą podpisać wszystkie wskazane w nim osoby, a pliku jednej z nich brakuje. Każda z nich podpisuje pobrany plik PDF swoim podpisem; dodaj plik każdej osoby.',
        { id: 'sign-file.cosigner-missing' },
      );
    case 'cannot-sign':
      return msg(
        'Firma lub instytucja nie może sama podpisać wniosku. Wskaż we wniosku pełnomocnika: on podpisuje wniosek w jej imieniu. Potem pobierz i podpisz nowy dokument.',
        { id: 'sign-file.cannot-sign' },
      );
    case 'not-a-signer':
      return msg(
        'Jeden z plików podpisała osoba, której wniosek nie wskazuje. Usunęliśmy go: dodaj plik podpisany przez osobę wskazaną we wniosku.',
        { id: 'sign-file.not-a-signer' },
      );
    case 'signed-twice':
      return msg(
        'Ta sama osoba podpisała dwa pliki. Usunęliśmy drugi z nich: dodaj plik podpisany przez osobę, której podpisu brakuje.',
        { id: 'sign-file.signed-twice' },
      );
    default:
      return undefined;
  }
}
