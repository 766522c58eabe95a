import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AttachmentRef, BrowserFormModel } from '@ebok/forms-core/runtime/base';
import { endpointOf } from '../internal/endpoint.js';
import type { JsonObject } from './data.js';

/** A file the resident attached, with its SHA-256 computed in the browser. */
export interface AttachedFile {
  readonly file: File;
  readonly sha256: string;
}

/** The attached files as the validator and the signed document refer to them. */
export const attachmentRefs = (attachments: Readonly<Record<string, AttachedFile>>): AttachmentRef[] =>
  Object.entries(attachments).map(([name, { file, sha256 }]) => ({
    name,
    mediaType: file.type || 'application/octet-stream',
    size: file.size,
    sha256,
  }));

/** A document signed and about to be sent: kept so a retry sends the very same bytes. */
export interface SignedSubmission {
  readonly document: string;
  readonly signature: Uint8Array;
  readonly idempotencyKey: string;
}

/**
 * An application a resident signs outside ebok, with a qualified signature or podpis osobisty:
 * the document fixed (its nonce and time), because the PDF they sign is made from exactly these
 * bytes, and the file they signed, once given. Kept so a reload or a retry files the same ones.
 */
export interface FileSubmission {
  readonly way: 'file';
  readonly document: string;
  readonly idempotencyKey: string;
  /** The files given, signed: one, or one for each person who must sign (co-owners). */
  readonly signedFiles?: readonly File[];
  /** The one file a draft kept before several could be given; read as `signedFiles`. */
  readonly signedFile?: File;
}

/** Everything a resident has entered for one procedure, kept in the browser until it is sent. */
export interface Draft {
  readonly data: JsonObject;
  readonly attachments: Readonly<Record<string, AttachedFile>>;
  readonly step: number;
  readonly signed?: SignedSubmission | FileSubmission;
  readonly savedAt: string;
}

export interface DraftStore {
  load(key: string): Promise<Draft | undefined>;
  save(key: string, draft: Draft): Promise<void>;
  remove(key: string): Promise<void>;
}

const STORE = 'drafts';

/**
 * Drafts in IndexedDB (files included, as Blobs), so a reload, a closed tab or a lost connection
 * loses nothing. A browser without IndexedDB (some private modes) keeps them in memory.
 */
export class IndexedDbDraftStore implements DraftStore {
  #db: Promise<IDBDatabase> | undefined;
  readonly #memory = new Map<string, Draft>();

  constructor(private readonly name = 'ebok-drafts') {}

  #open(): Promise<IDBDatabase> {
    this.#db ??= new Promise((resolve, reject) => {
      const request = indexedDB.open(this.name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB is not available'));
    });
    return this.#db;
  }

  async #run<R>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest): Promise<R> {
    const db = await this.#open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = op(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result as R);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  }

  async load(key: string): Promise<Draft | undefined> {
    try {
      return (await this.#run<Draft | undefined>('readonly', (s) => s.get(key))) ?? this.#memory.get(key);
    } catch {
      return this.#memory.get(key);
    }
  }

  async save(key: string, draft: Draft): Promise<void> {
    this.#memory.set(key, draft);
    try {
      await this.#run('readwrite', (s) => s.put(draft, key));
    } catch {
      // Kept in memory for this page: better than losing the answers.
    }
  }

  async remove(key: string): Promise<void> {
    this.#memory.delete(key);
    try {
      await this.#run('readwrite', (s) => s.delete(key));
    } catch {
      // Nothing stored to remove.
    }
  }
}

/** The element whose journey's draft is kept: the office it sends to is part of the draft's key. */
export interface DraftHost extends ReactiveControllerHost {
  readonly endpoint: string;
}

/** What a draft keeps of a journey, and the journey it goes back to (journey.ts). */
export interface DraftedJourney {
  readonly model: BrowserFormModel;
  readonly data: JsonObject;
  readonly attachments: Readonly<Record<string, AttachedFile>>;
  readonly step: number;
  readonly signed: SignedSubmission | FileSubmission | undefined;
  /** Goes on from a draft kept in this browser (if the resident has not begun anew meanwhile). */
  restore(draft: Draft): void;
}

const drafts: DraftStore = new IndexedDbDraftStore();

/**
 * Keeps a journey's draft in this browser, per office and procedure version: restores it when the
 * form first comes on a page, saves it shortly after the answers change (once for a run of
 * changes), and at once when the form leaves the page with a save still to come.
 */
export class DraftController implements ReactiveController {
  readonly #host: DraftHost;
  readonly #journey: DraftedJourney;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #loaded = false;

  constructor(host: DraftHost, journey: DraftedJourney) {
    this.#host = host;
    this.#journey = journey;
    host.addController(this);
  }

  get #key(): string {
    const { id, version } = this.#journey.model.procedure;
    return `${endpointOf(this.#host.endpoint)} ${id}@${version}`;
  }

  hostConnected(): void {
    if (this.#loaded) return;
    this.#loaded = true;
    // Looked for once the form's first page is drawn: nothing on the first screen waits for IndexedDB.
    void this.#host.updateComplete
      .then(() => new Promise((shown) => setTimeout(shown)))
      .then(() => drafts.load(this.#key))
      .then((draft) => draft && this.#journey.restore(draft));
  }

  hostDisconnected(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      void this.save();
    }
  }

  scheduleSave(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.save(), 400);
  }

  async save(): Promise<void> {
    this.#timer = undefined;
    const savedAt = new Date().toISOString();
    const { data, attachments, step, signed } = this.#journey;
    await drafts.save(this.#key, { data, attachments, step, ...(signed ? { signed } : {}), savedAt });
  }

  remove(): Promise<void> {
    return drafts.remove(this.#key);
  }
}
