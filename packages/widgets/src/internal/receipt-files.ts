/**
 * @module The files a resident keeps of an application, named the same wherever they are
 * offered (the receipt page, and the list of their applications): the signed application
 * (`wniosek-N.json` with `wniosek-N.p7s`, or the files signed outside ebok) and the office's
 * signed receipt (`upo-N.json`, `upo-N.p7s`), N being the register number made safe for a name.
 */

import type { ResidentDocuments } from '@ebok/schemas/api';

/** A file to save: its name and an object URL of its bytes. */
export interface Download {
  readonly name: string;
  readonly url: string;
}

/** A file signed outside ebok, with the extension it is saved with (".pdf", ".p7s", ".xml" …). */
export interface SignedFile {
  readonly extension: string;
  readonly type: string;
  readonly content: BlobPart;
}

export interface ApplicationFiles {
  readonly registryNumber: string;
  /** The signed document's text (RFC 8785 JSON). */
  readonly document?: BlobPart | undefined;
  /** The city certificate's detached CMS over it. */
  readonly signature?: BlobPart | undefined;
  /** The files signed outside ebok, in the order the data names the people who signed. */
  readonly signedFiles?: readonly SignedFile[] | undefined;
  /** The receipt (UPO) as the office signed it: its text, and its CMS in base64. */
  readonly receipt: { readonly document: string; readonly signature: string };
}

/** Bytes from base64. */
export const fromBase64 = (b64: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

/** The application's files and its receipt's, as object URLs to save (the caller revokes them when done). */
export function applicationFiles(files: ApplicationFiles): Download[] {
  const number = files.registryNumber.replace(/[^A-Za-z0-9]+/g, '-');
  const file = (name: string, type: string, content: BlobPart): Download => ({
    name,
    url: URL.createObjectURL(new Blob([content], { type })),
  });
  const signed = files.signedFiles ?? [];
  return [
    ...(files.document === undefined ? [] : [file(`wniosek-${number}.json`, 'application/json', files.document)]),
    ...(files.signature === undefined
      ? []
      : [file(`wniosek-${number}.p7s`, 'application/pkcs7-signature', files.signature)]),
    // Numbered where several people signed.
    ...signed.map((f, i) =>
      file(`wniosek-${number}${signed.length > 1 ? `-${i + 1}` : ''}${f.extension}`, f.type, f.content),
    ),
    file(`upo-${number}.json`, 'application/json', files.receipt.document),
    file(`upo-${number}.p7s`, 'application/pkcs7-signature', fromBase64(files.receipt.signature)),
  ];
}

type Format = NonNullable<ResidentDocuments['signedFiles']>[number]['format'];

/** How a file signed outside ebok is saved, by the way it carries its signature. */
const SAVED_AS: Readonly<Record<Format, Omit<SignedFile, 'content'>>> = {
  pades: { extension: '.pdf', type: 'application/pdf' },
  'cades-detached': { extension: '.p7s', type: 'application/pkcs7-signature' },
  'cades-attached': { extension: '.p7m', type: 'application/pkcs7-mime' },
  'xades-enveloping': { extension: '.xml', type: 'application/xml' },
  'xades-detached': { extension: '.xml', type: 'application/xml' },
};

/** An application the office gave back (POST /v1/resident/documents), as the same files. */
export const documentsFiles = (d: ResidentDocuments): Download[] =>
  applicationFiles({
    registryNumber: d.registryNumber,
    document: d.document,
    signature: d.signature === undefined ? undefined : fromBase64(d.signature),
    signedFiles: d.signedFiles?.map((f) => ({ ...SAVED_AS[f.format], content: fromBase64(f.content) })),
    receipt: d.receipt.receipt,
  });
