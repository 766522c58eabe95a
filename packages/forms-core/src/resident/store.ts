/** What a resident keeps in this browser to sign applications. */
export interface StoredCredential {
  /** Non-extractable: it signs, and nothing can read it out. */
  readonly privateKey: CryptoKey;
  readonly certificateDer: Uint8Array;
  readonly caCertificateDer?: Uint8Array;
  /** The password-protected PKCS#12 backup made at enrolment or import, for export later. */
  readonly pkcs12?: Uint8Array;
  readonly savedAt: string;
}

/** Where the credential lives: IndexedDB in the browser; anything else elsewhere. */
export interface CredentialStore {
  load(): Promise<StoredCredential | undefined>;
  save(credential: StoredCredential): Promise<void>;
  clear(): Promise<void>;
}

/** A store for one process's lifetime (Node, tests, kiosks that must forget). */
export class MemoryCredentialStore implements CredentialStore {
  private credential: StoredCredential | undefined;
  async load(): Promise<StoredCredential | undefined> {
    return this.credential;
  }
  async save(credential: StoredCredential): Promise<void> {
    this.credential = credential;
  }
  async clear(): Promise<void> {
    this.credential = undefined;
  }
}

const STORE = 'credentials';
const KEY = 'current';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * The browser store: IndexedDB keeps the CryptoKey object itself (structured clone), so the
 * non-extractable key never exists as bytes in the page.
 */
export class IndexedDbCredentialStore implements CredentialStore {
  constructor(private readonly databaseName = 'ebok') {}

  private async open(): Promise<IDBDatabase> {
    const req = indexedDB.open(this.databaseName, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    return request(req);
  }

  private async run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await this.open();
    try {
      const tx = db.transaction(STORE, mode);
      const result = await request(fn(tx.objectStore(STORE)));
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
      });
      return result;
    } finally {
      db.close();
    }
  }

  async load(): Promise<StoredCredential | undefined> {
    return (await this.run('readonly', (s) => s.get(KEY))) as StoredCredential | undefined;
  }
  async save(credential: StoredCredential): Promise<void> {
    await this.run('readwrite', (s) => s.put(credential, KEY));
  }
  async clear(): Promise<void> {
    await this.run('readwrite', (s) => s.delete(KEY));
  }
}
