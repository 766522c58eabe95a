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

/** Everything a resident has entered for one procedure, kept in the browser until it is sent. */
export interface Draft {
  readonly data: JsonObject;
  readonly attachments: Readonly<Record<string, AttachedFile>>;
  readonly step: number;
  readonly signed?: SignedSubmission;
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

/** What keeping a draft reads of the journey (procedure-form.ts). */
export interface DraftHost {
  readonly endpoint: string;
  readonly model: BrowserFormModel;
  readonly data: JsonObject;
  readonly attachments: Readonly<Record<string, AttachedFile>>;
  readonly step: number;
  readonly signed: SignedSubmission | undefined;
}

const drafts: DraftStore = new IndexedDbDraftStore();

/** A journey's draft, kept in this browser per office and procedure version. */
export interface DraftKeeper {
  load(): Promise<Draft | undefined>;
  /** Saves shortly after the answers change: once for a run of changes. */
  scheduleSave(): void;
  /** Saves now if a save is still to come (the form is leaving the page). */
  flush(): void;
  save(): Promise<void>;
  remove(): Promise<void>;
}

/** Keeps the draft of the journey `host`. */
export function keepDraft(host: DraftHost): DraftKeeper {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const key = (): string => {
    const { id, version } = host.model.procedure;
    return `${endpointOf(host.endpoint)} ${id}@${version}`;
  };
  const save = async (): Promise<void> => {
    timer = undefined;
    const savedAt = new Date().toISOString();
    const { data, attachments, step, signed } = host;
    await drafts.save(key(), { data, attachments, step, ...(signed ? { signed } : {}), savedAt });
  };
  return {
    load: () => drafts.load(key()),
    scheduleSave: () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void save(), 400);
    },
    flush: () => {
      if (timer) {
        clearTimeout(timer);
        void save();
      }
    },
    save,
    remove: () => drafts.remove(key()),
  };
}
