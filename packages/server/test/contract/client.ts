import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { canonicalJson, createCertificateRequest, generateResidentKeys, signDetached } from '@ebok/forms-core/signing';
import { sha256, toArrayBuffer, toHex } from '@ebok/forms-core/pki';
import { parseSemanticsIdentifier, semanticsIdentifier } from '@ebok/forms-core/formats';
import { expectedSigner } from '@ebok/forms-core/runtime';
import { type ImageDimensions, imageFile } from '../../../forms-core/test/shared/image-file.js';
import type { Target } from './target.js';

export const EXAMPLES = resolve(import.meta.dirname, '../../../../schemas/examples');
const SCHEMAS = resolve(import.meta.dirname, '../../../../schemas/procedures');

export interface Resident {
  readonly keys: CryptoKeyPair;
  readonly certificateDer: Uint8Array;
  readonly serialNumber: string;
  /** The person's PESEL; undefined for a person enrolled by identity document. */
  readonly pesel: string | undefined;
  /** `PNOPL-<PESEL>`, `PAS<CC>-<number>` …: who the certificate names. */
  readonly identifier: string;
}

/** A person as a clerk enrols them: a PESEL, or an identity document. */
export type Person = string | { kind: 'passport' | 'id-card'; country: string; number: string };

export async function api(
  target: Target,
  path: string,
  init: RequestInit & { token?: string; json?: unknown } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  return fetch(`${target.baseUrl}${path}`, { ...init, headers, body });
}

let peselCounter = 0;
const PESELS = [
  '44051401359',
  '80010101230',
  '90021512347',
  '85112309870',
  '72031204557',
  '65070801119',
  '05231501238',
];

/** Enrols a resident the way the widget does: code from a registrar, key, CSR, certificate. */
export async function enrol(
  target: Target,
  person: Person = PESELS[peselCounter++ % PESELS.length]!,
): Promise<Resident> {
  const res = await api(target, '/v1/enrolments', {
    method: 'POST',
    token: target.registrarToken,
    json: {
      givenNames: 'Anna',
      surname: 'Testowa',
      ...(typeof person === 'string' ? { pesel: person } : { identityDocument: person }),
    },
  });
  if (res.status !== 201) throw new Error(`enrolment: ${res.status} ${await res.text()}`);
  const { activationCode } = (await res.json()) as { activationCode: string };
  const keys = await generateResidentKeys();
  const cert = await api(target, '/v1/certificates', {
    method: 'POST',
    json: { activationCode, csr: await createCertificateRequest(keys) },
  });
  if (cert.status !== 201) throw new Error(`certificate: ${cert.status} ${await cert.text()}`);
  const body = (await cert.json()) as { certificate: string; serialNumber: string };
  const b64 = body.certificate.replace(/-----[A-Z ]+-----|\s/g, '');
  const pesel = typeof person === 'string' ? person : undefined;
  const identifier = semanticsIdentifier(typeof person === 'string' ? { pesel } : { identityDocument: person })!;
  return {
    keys,
    certificateDer: new Uint8Array(Buffer.from(b64, 'base64')),
    serialNumber: body.serialNumber,
    pesel,
    identifier,
  };
}

/** Who must sign an example of a procedure (the procedure's `signers`, first present). */
export function exampleSigner(procedure: string, ex: Example = example(procedure)): Person {
  const schema = JSON.parse(readFileSync(join(SCHEMAS, `${procedure}.schema.json`), 'utf8')) as {
    'x-ebok-procedure': { signers?: string[] };
  };
  const signer = expectedSigner(ex.data, schema['x-ebok-procedure'].signers ?? []);
  const id = signer?.identifier && parseSemanticsIdentifier(signer.identifier);
  if (!id) throw new Error(`the example of ${procedure} names no signer`);
  return 'pesel' in id ? id.pesel : id.identityDocument;
}

const signers = new WeakMap<Target, Map<string, Promise<Resident>>>();
/** The resident who signs an example of a procedure, enrolled once per target. */
export function signerFor(target: Target, procedure: string, ex?: Example): Promise<Resident> {
  const person = exampleSigner(procedure, ex);
  const key = JSON.stringify(person);
  let byPerson = signers.get(target);
  if (!byPerson) signers.set(target, (byPerson = new Map()));
  let resident = byPerson.get(key);
  if (!resident) byPerson.set(key, (resident = enrol(target, person)));
  return resident;
}

export interface Example {
  readonly data: Record<string, unknown>;
  /** With, for a photo whose procedure states its pixel size, the size of the file it stands for. */
  readonly attachments: Array<{ name: string; mediaType: string; size: number; image?: ImageDimensions }>;
}

/**
 * A file for an example's attachment, of at most `limit` bytes: a JPEG or PNG of the pixel size
 * the example states where it states one, random bytes otherwise.
 */
function fileFor(a: Example['attachments'][number], limit: number): Uint8Array<ArrayBuffer> {
  const size = Math.min(a.size, limit);
  return a.image ? imageFile(a.mediaType, a.image, size) : crypto.getRandomValues(new Uint8Array(size));
}

export function example(procedure: string, file?: string): Example {
  const dir = join(EXAMPLES, procedure);
  const name =
    file ??
    readdirSync(dir)
      .filter((f) => f.startsWith('valid-'))
      .sort()[0]!;
  return JSON.parse(readFileSync(join(dir, name), 'utf8')) as Example;
}

/** An application to sign outside ebok: its envelope, canonical, and a generated file for each attachment. */
export async function unsignedApplication(
  procedure: string,
  ex: Example,
  options: { readonly data?: Record<string, unknown>; readonly nonce?: string } = {},
) {
  const files = new Map<string, { bytes: Uint8Array; mediaType: string }>();
  const attachments = [];
  for (const a of ex.attachments) {
    const bytes = fileFor(a, 4096);
    files.set(a.name, { bytes, mediaType: a.mediaType });
    attachments.push({ name: a.name, mediaType: a.mediaType, size: bytes.length, sha256: toHex(await sha256(bytes)) });
  }
  const envelope = {
    procedure,
    schemaVersion: '1.0.0',
    data: options.data ?? ex.data,
    attachments,
    submittedAt: new Date().toISOString(),
    nonce: options.nonce ?? crypto.randomUUID(),
  };
  return { envelope, text: canonicalJson(envelope), files };
}

/** Files `a` with its signed files, each a part named `part` ("signed-file" unless a test says otherwise). */
export function fileSigned(
  target: Target,
  a: { readonly text: string; readonly files: ReadonlyMap<string, { bytes: Uint8Array; mediaType: string }> },
  signed: readonly Uint8Array[],
  part = 'signed-file',
): Promise<Response> {
  const form = new FormData();
  form.append('document', new Blob([a.text], { type: 'application/json' }), 'document.json');
  signed.forEach((s, i) => form.append(part, new Blob([toArrayBuffer(s)]), `wniosek-${i}.pdf`));
  for (const [n, f] of a.files) form.append(n, new Blob([toArrayBuffer(f.bytes)], { type: f.mediaType }), n);
  return api(target, '/v1/submissions', { method: 'POST', body: form });
}

export interface Submission {
  readonly document: Record<string, unknown>;
  readonly documentText: string;
  readonly signature: Uint8Array;
  readonly files: Map<string, { bytes: Uint8Array; mediaType: string }>;
}

/** Builds and signs a submission from an example, with attachment files of the declared sizes. */
export async function prepare(
  resident: Resident,
  procedure: string,
  options: {
    example?: Example;
    nonce?: string;
    schemaVersion?: string;
    signingTime?: Date;
    tamper?: (doc: Record<string, unknown>) => void;
  } = {},
): Promise<Submission> {
  const ex = options.example ?? example(procedure);
  const files = new Map<string, { bytes: Uint8Array; mediaType: string }>();
  const attachments = [];
  for (const a of ex.attachments) {
    const bytes = fileFor(a, 65536);
    files.set(a.name, { bytes, mediaType: a.mediaType });
    attachments.push({
      name: a.name,
      mediaType: a.mediaType,
      size: bytes.length,
      sha256: toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))),
    });
  }
  const document: Record<string, unknown> = {
    procedure,
    schemaVersion: options.schemaVersion ?? '1.0.0',
    data: ex.data,
    attachments,
    submittedAt: (options.signingTime ?? new Date()).toISOString(),
    nonce: options.nonce ?? crypto.randomUUID(),
  };
  options.tamper?.(document);
  const documentText = canonicalJson(document);
  const signature = await signDetached(
    new TextEncoder().encode(documentText),
    resident.keys.privateKey,
    resident.certificateDer,
    {
      ...(options.signingTime && { signingTime: options.signingTime }),
    },
  );
  return { document, documentText, signature, files };
}

export function formData(
  s: Submission,
  options: { documentText?: string; omit?: string[]; extra?: Record<string, Uint8Array> } = {},
): FormData {
  const form = new FormData();
  if (!options.omit?.includes('document')) {
    form.append(
      'document',
      new Blob([options.documentText ?? s.documentText], { type: 'application/json' }),
      'document.json',
    );
  }
  if (!options.omit?.includes('signature')) {
    form.append(
      'signature',
      new Blob([toArrayBuffer(s.signature)], { type: 'application/pkcs7-signature' }),
      'document.p7s',
    );
  }
  for (const [name, f] of s.files)
    if (!options.omit?.includes(name))
      form.append(name, new Blob([toArrayBuffer(f.bytes)], { type: f.mediaType }), name);
  for (const [name, bytes] of Object.entries(options.extra ?? {}))
    form.append(name, new Blob([toArrayBuffer(bytes)]), name);
  return form;
}

export async function submit(
  target: Target,
  form: FormData | BodyInit,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${target.baseUrl}/v1/submissions`, { method: 'POST', body: form, headers });
}
