/**
 * @module The storage ports: what the core asks a database to keep, one port for each kind of
 * record, and the records they take and give. A backend implements every port over one database
 * handle; the decisions stay in core (registration.ts).
 */

/** The signed receipt (UPO): the receipt's exact signed bytes and the DER CMS over them. */
export interface Receipt {
  readonly document: string;
  readonly signature: Uint8Array;
}

export interface AttachmentRecord {
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
}

// ---- the register ----

/** What the core asks the register to record. */
export interface NewEntry {
  readonly channel: string;
  readonly procedure?: { readonly id: string; readonly version: string };
  readonly department: string;
  readonly subject: string;
  readonly sender: unknown;
  readonly senderReference?: string;
  readonly documentDate?: string;
  readonly documentSha256?: string;
  readonly idempotencyKey?: string;
  /** A signed document's nonce (with its documentSha256): what keeps the document to one entry. */
  readonly nonce?: string;
  readonly document: { readonly mediaType: string; readonly bytes: Uint8Array };
  readonly signature?: Uint8Array;
  /** The language the resident filled the form in: what the office's messages to them speak. */
  readonly language?: 'pl' | 'en' | 'uk';
  /** How a signed document was signed: `city`, `qualified`, `personal` or `trusted-profile`. */
  readonly signatureKind?: string;
  /** What was verified of a statutory signature (signer's certificate, issuer, format, revocation). */
  readonly verification?: unknown;
  readonly attachments: readonly AttachmentRecord[];
  readonly notes?: string;
  /** Annex 1 part A beyond the columns above: access level, delivery method, date posted, document type, address … */
  readonly details?: RegistryDetails;
  /** A paper item not scanned whole (a book, a large map): listed apart. */
  readonly notFullyScanned?: boolean;
  /** Keys that find the entry without reading the register (`signer:<identifier>` for each signer). */
  readonly keys?: readonly string[];
}

/** What the instrukcja kancelaryjna's annex 1 part A records of an item beyond sender, subject and dates. */
export type RegistryDetails = Readonly<Record<string, unknown>>;

/** An entry as it stands in the register. */
export interface RegisterEntry {
  readonly registryNumber: string;
  readonly year: number;
  readonly sequence: number;
  readonly receivedAt: string;
  readonly channel: string;
  readonly procedure: { readonly id: string; readonly version: string } | null;
  readonly department: string;
  readonly subject: string;
  readonly sender: unknown;
  readonly senderReference: string | null;
  readonly documentDate: string | null;
  readonly documentSha256: string | null;
  readonly attachmentCount: number;
  readonly notes: string | null;
  /** How the document was signed; null for paper and e-mail a chancellery registers. */
  readonly signatureKind: string | null;
  readonly verification: unknown;
  readonly details: RegistryDetails | null;
  readonly notFullyScanned: boolean;
}

export type ReceiptMaker = (entry: RegisterEntry) => Promise<Receipt>;

export type RegisterOutcome =
  | { readonly status: 'created' | 'existing'; readonly entry: RegisterEntry; readonly receipt: Receipt }
  | { readonly status: 'replay' | 'idempotency-conflict' };

/** What the register already knows of a submission (see classifySubmission in registration.ts). */
export type SubmissionLookup =
  | { readonly status: 'new' | 'replay' | 'idempotency-conflict' }
  | { readonly status: 'existing'; readonly stored: StoredDocument };

export interface StoredDocument {
  readonly entry: RegisterEntry;
  readonly mediaType: string;
  readonly document: Uint8Array;
  readonly signature: Uint8Array | null;
  /** The language the resident filled the form in (`Content-Language` of the filing); null when none was said. */
  readonly language: string | null;
  readonly receipt: Receipt;
  readonly attachments: readonly AttachmentRecord[];
}

/** The register of incoming items (RPW): its entries, their documents, receipts and attachment records. */
export interface RegisterStore {
  /**
   * Enters a document in the register exactly once: one transaction with the next gapless
   * number of the year, its document, attachment records and receipt, and its department's
   * queue message. The same idempotency key or document (its nonce with the same hash) returns
   * the first entry ('existing'); a nonce seen with another document is a 'replay'.
   */
  enter(entry: NewEntry, makeReceipt: ReceiptMaker): Promise<RegisterOutcome>;
  /** What the register already knows of a submission, before anything is written for it. */
  lookup(documentSha256: string, idempotencyKey: string | undefined, nonce: string): Promise<SubmissionLookup>;
  getDocument(registryNumber: string): Promise<StoredDocument | undefined>;
  /** A year's entries in number order, after the sequence `after`; only those not fully scanned when asked. */
  list(query: { year: number; after: number; limit: number; notFullyScanned?: boolean }): Promise<RegisterEntry[]>;
}

// ---- the departments' queues ----

export interface QueueMessage {
  readonly id: number;
  readonly leaseId: string;
  readonly department: string;
  readonly registryNumber: string;
  readonly enqueuedAt: string;
  readonly deliveries: number;
  readonly leaseExpiresAt: string;
}

export type QueueResult = 'ok' | 'not-found' | 'lease-lost';

/** A message that used up its deliveries. */
export interface DeadLetter {
  readonly id: number;
  readonly registryNumber: string;
  readonly deliveries: number;
}

/** Each department's inbox: leases with a visibility timeout, acks, redelivery, dead letters. */
export interface QueueStore {
  lease(department: string, max: number, visibilitySeconds: number, now: Date): Promise<QueueMessage[]>;
  ack(department: string, id: number, leaseId: string, now: Date): Promise<QueueResult>;
  nack(
    department: string,
    id: number,
    leaseId: string,
    now: Date,
    delaySeconds: number,
    maxDeliveries: number,
  ): Promise<QueueResult>;
  deadLetters(department: string): Promise<DeadLetter[]>;
}

/**
 * A hand-off given up on: a queue message past its last delivery, a webhook push past its last
 * retry, or an e-mail to a resident past its last try (its department: the case's).
 */
export interface FailedHandOff {
  readonly kind: HandOffKind;
  readonly id: number;
  readonly department: string;
  readonly registryNumber: string;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly failedAt: string;
}
export type HandOffKind = 'email' | 'queue' | 'webhook';
/** Where a page of failed hand-offs ends: the next page starts after it (most recent first). */
export type HandOffPosition = Pick<FailedHandOff, 'failedAt' | 'kind' | 'id'>;

/** The failed hand-offs of every department, and each put back for delivery once. */
export interface HandOffStore {
  failed(query: { department?: string; after?: HandOffPosition; limit: number }): Promise<FailedHandOff[]>;
  /** Puts a failed hand-off back for delivery with fresh tries: 'not-failed' when it is not (or no longer) failed. */
  retry(kind: HandOffKind, id: number, now: Date): Promise<FailedHandOff | 'not-found' | 'not-failed'>;
}

// ---- the city CA's records ----

export interface CertificateRecord {
  readonly serial: string;
  readonly pesel: string | null;
  /** The semantics identifier the certificate names its holder by (`PNOPL-<PESEL>`, `PAS<CC>-<number>` …). */
  readonly identifier: string;
  readonly subject: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly der: Uint8Array;
  readonly issuedAt: string;
}

export interface ActivationRow {
  readonly codeHash: string;
  readonly givenNames: string;
  readonly surname: string;
  /** The semantics identifier of the person the clerk checked. */
  readonly identifier: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

export interface RevokedCertificate {
  readonly serial: string;
  readonly revokedAt: string;
  readonly reason: string;
}

/** A certificate the CA issued, as the desk sees it: when it is valid, and whether it was revoked. */
export interface CertificateStatus {
  readonly serial: string;
  readonly identifier: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly issuedAt: string;
  readonly revokedAt: string | null;
  readonly revocationReason: string | null;
}

/** An activation code as the desk sees it: never the code, only when it was made, ends and was used. */
export interface ActivationStatus {
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly usedAt: string | null;
}

/** A person the city's CA knows, by the name of their latest enrolment; certificates and codes newest first. */
export interface PersonRecord {
  readonly identifier: string;
  readonly givenNames: string;
  readonly surname: string;
  readonly certificates: readonly CertificateStatus[];
  readonly activations: readonly ActivationStatus[];
}

/** Whom the desk looks for: one person by their identifier, or the people whose names have every key. */
export type PeopleQuery =
  | { readonly identifier: string; readonly limit: number }
  | { readonly keys: readonly string[]; readonly limit: number };

/** A certificate in force, with its holder's name (of their latest enrolment). */
export interface ExpiringCertificate extends CertificateStatus {
  readonly givenNames: string | null;
  readonly surname: string | null;
}

/** Certificates in force that end in [from, until), by the day they end, after the cursor. */
export interface ExpiringQuery {
  readonly from: string;
  readonly until: string;
  readonly after?: { readonly notAfter: string; readonly serial: string };
  readonly limit: number;
}

/** Activation codes, failed activation attempts, the certificates the CA issued and revoked, CRL numbers. */
export interface PkiStore {
  /** Stores a code and the keys its person is found by (`name:<word>`), in one step. */
  insertActivation(record: ActivationRow, keys: readonly string[]): Promise<void>;
  /** What is stored for a code; nothing is changed. */
  getActivation(codeHash: string): Promise<(ActivationRow & { readonly usedAt: string | null }) | undefined>;
  /**
   * Uses the code and records the certificate issued with it, in one step: of concurrent calls
   * for one code, one at most gets true, and a code is used up only by a certificate issued.
   * False when the code is unknown, used or expired at `now` (the caller reads which).
   */
  consumeActivation(codeHash: string, now: Date, certificate: CertificateRecord): Promise<boolean>;
  /**
   * Failed activation attempts in the current window of each bucket (e.g. `address:…`, `all`;
   * residents' queries count under `resident:…`). Windows are a day long at most.
   */
  failedAttempts(buckets: readonly string[], windowStart: number): Promise<number[]>;
  /** Counts one more in each bucket's window; windows that began over a day before it are forgotten. */
  recordFailedAttempt(buckets: readonly string[], windowStart: number): Promise<void>;
  revokeCertificate(serial: string, reason: string, now: Date): Promise<'ok' | 'not-found' | 'already-revoked'>;
  /** Asked for every signature verified: on the intake's hot path. */
  isRevoked(serial: string): Promise<boolean>;
  revokedCertificates(): Promise<RevokedCertificate[]>;
  nextCrlNumber(): Promise<number>;
  /** The people a desk clerk asks for, newest enrolment first; 'too-many' when the keys find too many to rank. */
  findPeople(query: PeopleQuery): Promise<PersonRecord[] | 'too-many'>;
  /** Certificates not revoked that end within the query's window, soonest first. */
  expiringCertificates(query: ExpiringQuery): Promise<ExpiringCertificate[]>;
}

// ---- all of it ----

// ---- the audit log ----

/** What a staff action leaves in the audit log. */
export interface AuditInput {
  /** Who acted: `token:<role>#<hash prefix>` for a machine client, `staff:<subject>` for a person. */
  readonly actor: string;
  /** What was done, e.g. `enrolment.create`, `certificate.revoke`, `register.enter`. */
  readonly action: string;
  /** On what: a registry number, a certificate's serial, a case's znak. */
  readonly target?: string;
  readonly before?: AuditState;
  readonly after?: AuditState;
}

/** What an action changed, as it was or became: a JSON object. */
export type AuditState = Readonly<Record<string, unknown>>;

/** A record of the audit log: the action, its number and time, and the chain's hashes. */
export interface AuditRecord {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly target: string | null;
  readonly before: AuditState | null;
  readonly after: AuditState | null;
  /** The previous record's hash (64 zeros before the first). */
  readonly prevHash: string;
  readonly hash: string;
}

/** The audit log: appended to as the next number only, read in number order. */
export interface AuditStore {
  /** The last record's number and hash; undefined while the log is empty. */
  head(): Promise<{ readonly seq: number; readonly hash: string } | undefined>;
  /** Appends the record if its number is still free (false: another writer took it first). */
  append(record: AuditRecord): Promise<boolean>;
  /** Records after the number `after`, in order, at most `limit`; with `before`, those below it, newest first. */
  list(query: { after: number; limit: number; before?: number }): Promise<AuditRecord[]>;
}

// ---- cases ----

/** What happened to a case: suspended and resumed, extended, waiting for the resident, decided, closed. */
export type CaseEventType = 'suspended' | 'resumed' | 'extended' | 'waiting-for-resident' | 'decided' | 'closed';

/** Where a case stands. */
export type CaseStatus = 'open' | 'suspended' | 'extended' | 'waiting-for-resident' | 'decided' | 'closed';

/** A case (sprawa) as the office keeps it. */
export interface CaseRecord {
  /** The znak sprawy, `UNIT.JRWA.N.YYYY`: never changes. */
  readonly caseNumber: string;
  readonly unit: string;
  readonly jrwa: string;
  readonly year: number;
  readonly sequence: number;
  readonly title: string;
  readonly department: string;
  readonly officer: string | null;
  readonly openedBy: string;
  readonly openedAt: string;
  /** The day the office received the first item (the clock starts there, KPA art. 35). */
  readonly receivedOn: string;
  /** The procedure's period: `{months}`, `{days}` or `{workingDays}`. */
  readonly period: Readonly<Record<string, number>>;
  readonly status: CaseStatus;
  /** The deadline as of the last change; null while the clock stands still or once settled. */
  readonly dueOn: string | null;
  readonly closedAt: string | null;
  readonly outcome: string | null;
}

export interface CaseEvent {
  readonly seq: number;
  readonly type: CaseEventType;
  readonly at: string;
  /** The office's day of the event: a pause starts or ends on it. */
  readonly onDay: string;
  readonly reason: string | null;
  /** For `extended`: the new deadline (art. 36). */
  readonly until: string | null;
  readonly outcome: string | null;
  /** Whether the resident is told of it. */
  readonly inform: boolean;
  readonly actor: string;
}

/** A case with what it holds and what happened to it. */
export interface CaseFile {
  readonly case: CaseRecord;
  readonly documents: readonly string[];
  readonly events: readonly CaseEvent[];
}

export type NewCase = Omit<CaseRecord, 'caseNumber' | 'sequence' | 'closedAt' | 'outcome'> & {
  readonly registryNumber: string;
};

/** The change an event makes to its case (decided in core, cases.ts). */
export interface CaseChange {
  readonly status: CaseStatus;
  readonly dueOn: string | null;
  readonly closedAt: string | null;
  readonly outcome: string | null;
}

/** A line of the spis spraw: a case with what its first item says of its sender. */
export interface CaseListLine {
  readonly case: CaseRecord;
  /** The sender of the case's first item as the register has it (a name, or given names and surname). */
  readonly sender: unknown;
  readonly senderReference: string | null;
  readonly documentDate: string | null;
}

/** Cases: gapless numbers per unit, class and year; items; events appended in order. */
export interface CaseStore {
  /** Opens a case on an item with the next number of its unit, class and year; 'taken' when the item is in a case already. */
  open(c: NewCase): Promise<CaseRecord | 'taken'>;
  get(caseNumber: string): Promise<CaseFile | undefined>;
  /** The case an item is in, if any. */
  caseOf(registryNumber: string): Promise<string | undefined>;
  /** Puts another item in the case; 'taken' when it is in a case already. */
  addDocument(caseNumber: string, registryNumber: string, at: string): Promise<'ok' | 'taken'>;
  /**
   * Appends an event as the case's event number `event.seq` and makes its change; 'conflict' when
   * that number is taken (someone else changed the case meanwhile: read it again).
   */
  addEvent(
    caseNumber: string,
    event: CaseEvent,
    change: CaseChange,
    /** The e-mail the event makes (see mail.ts), put in the mail outbox in the same transaction. */
    mail?: readonly NewMail[],
  ): Promise<'ok' | 'conflict'>;
  /** Gives an open (not closed) case its officer (prowadzący); 'closed' when it is closed meanwhile. */
  setOfficer(caseNumber: string, officer: string): Promise<'ok' | 'closed'>;
  /** The spis spraw of a unit, class and year: its cases by number after `after`, with their first items' senders. */
  caseList(query: { unit: string; jrwa: string; year: number; after: number; limit: number }): Promise<CaseListLine[]>;
  /**
   * A department's cases in the order of their znak (year, unit, class, number: numbers as
   * numbers), after the znak `after`; `dueFrom`/`dueTo` keep those due then.
   */
  list(query: {
    department: string;
    /** Only the cases this officer (prowadzący) leads. */
    officer?: string;
    status?: CaseStatus;
    dueFrom?: string;
    dueTo?: string;
    after?: string;
    limit: number;
  }): Promise<CaseRecord[]>;
}

// ---- dispatch (dekretacja) ----

export type DispatchKind = 'assigned' | 'accepted' | 'forwarded';

/** A step of an item's way after registration: assigned, accepted, or forwarded with a reason. */
export interface Dispatch {
  /** The step's number for its item, from 1: the next one is taken once (two clerks at once: one wins). */
  readonly seq: number;
  readonly kind: DispatchKind;
  /** The department that held the item before the step. */
  readonly fromDepartment: string;
  /** The department that holds it after. */
  readonly department: string;
  readonly officer: string | null;
  /** The deadline the assignment set (a day), if any. */
  readonly deadline: string | null;
  readonly note: string | null;
  readonly reason: string | null;
  readonly actor: string;
  readonly at: string;
}

/** Items' dispatches; a step that changes the department moves the item to that department's inbox. */
export interface DispatchStore {
  history(registryNumber: string): Promise<Dispatch[]>;
  /** The department its last step left the item with; undefined before any step (the register's own then). */
  holder(registryNumber: string): Promise<string | undefined>;
  /**
   * Records the step as its item's step `d.seq`; when `d.department` differs from
   * `d.fromDepartment`, the item's message leaves the old inbox for the new one in the same
   * transaction. 'conflict': the number was taken meanwhile.
   */
  record(registryNumber: string, d: Dispatch, now: Date): Promise<'ok' | 'conflict'>;
}

// ---- staff sessions ----

/** A staff member signed in through the city's OpenID provider. */
export interface StaffSession {
  /** SHA-256 (hex) of the random id in the session cookie: the id itself is never stored. */
  readonly idHash: string;
  /** The token a state-changing request carries in `X-CSRF-Token`. */
  readonly csrfToken: string;
  /** The person's `sub` at the provider, and the name it gave. */
  readonly subject: string;
  readonly name: string;
  /** The ebok roles the provider granted (desk, chancellery, officer:<code>, head:<code>, admin). */
  readonly roles: readonly string[];
  readonly createdAt: string;
  readonly lastSeenAt: string;
  /** The absolute end, whatever the activity. */
  readonly expiresAt: string;
}

/** Sessions in the database (DESIGN: "Sessions live in the database"). */
export interface SessionStore {
  /** Keeps a new session, and forgets some that ended before `now`. */
  create(session: StaffSession, now: string): Promise<void>;
  find(idHash: string): Promise<StaffSession | undefined>;
  /** Notes activity: the idle end counts from `at`. */
  touch(idHash: string, at: string): Promise<void>;
  remove(idHash: string): Promise<void>;
}

// ---- a department as its head sees it ----

/** A person as the provider described them when they last signed in. */
export interface StaffMember {
  readonly subject: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly lastSignedInAt: string;
}

/** How many unsettled cases fall in a deadline's bucket. */
export type DeadlineBucket = 'overdue' | 'due-3' | 'due-7' | 'due-14' | 'later' | 'suspended';

/** An item assigned to an officer that their department still holds outside any case. */
export interface AssignedItem {
  readonly registryNumber: string;
  readonly subject: string;
  readonly receivedAt: string;
  readonly deadline: string | null;
}

/** What a head of department reads of it: its people, its intake, its deadlines, an officer's items. */
export interface DepartmentStore {
  /** Those whose roles at their last sign-in include one of `roles`, by name, at most `limit`. */
  staffWith(roles: readonly string[], limit: number): Promise<StaffMember[]>;
  /** Items registered for the department and received in [from, to), counted by the hour (`YYYY-MM-DDTHH`, UTC). */
  receivedByHour(department: string, from: string, to: string): Promise<Array<{ hour: string; count: number }>>;
  /** The department's unsettled cases by bucket, from the days each bucket ends (today, +3, +7, +14). */
  openCasesByDeadline(
    department: string,
    days: { today: string; in3: string; in7: string; in14: string },
  ): Promise<Array<{ bucket: DeadlineBucket; count: number }>>;
  /** Items whose last assignment named the officer, that the department holds and no case holds, oldest first. */
  assignedItems(department: string, officer: string, limit: number): Promise<AssignedItem[]>;
}

// ---- the register searched ----

/** Where an item stands: its last step (none: registered), or its case's status once it is in one. */
export type ItemStatus =
  | 'registered'
  | 'assigned'
  | 'accepted'
  | 'forwarded'
  | 'case-opened'
  | 'suspended'
  | 'extended'
  | 'waiting-for-resident'
  | 'decided'
  | 'closed';

/** A position in the register, newest first: the search goes on below it. */
export interface RegisterPosition {
  readonly year: number;
  readonly seq: number;
}

export interface RegisterSearchQuery {
  /** Only this entry (the question was a register number). */
  readonly registryNumber?: string;
  /**
   * Only entries with all the keys (register_keys) of one of these alternatives (the question was
   * a PESEL, a name or a sender's reference: core/search-keys.ts).
   */
  readonly keys?: ReadonlyArray<readonly string[]>;
  readonly heldBy?: string;
  readonly channel?: string;
  readonly status?: ItemStatus;
  /** Received at or after / before these instants (ISO 8601). */
  readonly from?: string;
  readonly to?: string;
  /** Start below this position; the newest entry when absent. */
  readonly before?: RegisterPosition;
  readonly limit: number;
  /** At most this many entries are read in number order for one answer (the filters are applied to them). */
  readonly budget: number;
}

export interface FoundEntry {
  readonly entry: RegisterEntry;
  readonly heldBy: string;
  readonly status: ItemStatus;
  readonly caseNumber: string | null;
  /** The deadline the item's first assignment set (later ones may not pass it), if any. */
  readonly firstDeadline: string | null;
}

export interface RegisterSearchPage {
  readonly found: readonly FoundEntry[];
  /** Where to go on from, when older entries may match too. */
  readonly next?: RegisterPosition;
}

/** The register searched for the office: newest first, each answer reading a bounded stretch. */
export interface RegisterSearch {
  /** 'too-many': a key matches more entries than one answer may sort (a more particular question is needed). */
  search(query: RegisterSearchQuery): Promise<RegisterSearchPage | 'too-many'>;
}

// ---- residents asking after their applications ----

/** An application as a resident may follow it: its entry, its way through the office, its case. */
export interface ResidentApplication {
  readonly entry: RegisterEntry;
  readonly dispatches: readonly Dispatch[];
  /** The case the entry is in, with its events (not its other items). */
  readonly caseFile: Omit<CaseFile, 'documents'> | null;
}

/** A challenge used up: when it expired (or expires), and its signer's applications. */
export interface ChallengeUse {
  readonly expiresAt: Date;
  readonly applications: readonly ResidentApplication[];
}

/** A challenge used up to ask for one entry: when it expired (or expires), and whether the entry is under the key asked. */
export interface ChallengeUseFor {
  readonly expiresAt: Date;
  readonly keyed: boolean;
}

/** The challenges residents sign to ask after their applications, and the applications they find. */
export interface ResidentStore {
  /** Keeps a challenge (by its hash) until `expiresAt`; challenges expired by `now` are forgotten. */
  createChallenge(challengeHash: string, now: Date, expiresAt: Date): Promise<void>;
  /**
   * Uses the challenge up and reads the entries under the register key `key` (newest first, at
   * most `limit`) with their dispatches and cases, in one step: of concurrent calls for one
   * challenge, one at most gets them. Undefined for a challenge never given or already used; one
   * past its time is used up all the same (whether it still counts is the core's to say).
   */
  useChallenge(challengeHash: string, key: string, limit: number): Promise<ChallengeUse | undefined>;
  /**
   * Uses the challenge up and says whether the entry `registryNumber` is under the register key
   * `key` (false for a number the register does not hold), in one step as useChallenge does.
   * Undefined for a challenge never given or already used; what the answer allows is the core's.
   */
  useChallengeFor(challengeHash: string, key: string, registryNumber: string): Promise<ChallengeUseFor | undefined>;
}

// ---- e-mail to residents ----

/** A message for the mail outbox: for one application, on one event of its case. */
export interface NewMail {
  readonly registryNumber: string;
  readonly department: string;
  readonly caseNumber: string;
  readonly eventSeq: number;
  readonly recipient: string;
  readonly language: string;
  readonly subject: string;
  readonly body: string;
}

/** A message of the outbox as a sender claims it: `attempts` counts this try. */
export interface MailMessage {
  readonly id: number;
  readonly registryNumber: string;
  readonly caseNumber: string;
  readonly recipient: string;
  readonly language: string;
  readonly subject: string;
  readonly body: string;
  readonly attempts: number;
}

/** The mail outbox: messages claimed for a while by one sender, then sent, tried again later, or dead. */
export interface MailStore {
  /**
   * Claims up to `limit` messages due by `now` that nobody holds, for `leaseMs` (their tries
   * counted): of senders claiming at once, each message goes to one.
   */
  claim(now: Date, leaseMs: number, limit: number): Promise<MailMessage[]>;
  /** The relay accepted it: sent, and its address forgotten. */
  sent(id: number, now: Date): Promise<void>;
  /** The relay did not accept it: tried again at `retryAt`, or dead when null. */
  failed(id: number, error: string, retryAt: Date | null, now: Date): Promise<void>;
}

/**
 * What the office keeps, one port for each kind of record. A backend builds every port over one
 * database handle (`createStorage` in each adapter).
 */
export interface Storage {
  readonly register: RegisterStore;
  readonly queues: QueueStore;
  readonly pki: PkiStore;
  readonly audit: AuditStore;
  readonly cases: CaseStore;
  readonly dispatches: DispatchStore;
  readonly sessions: SessionStore;
  readonly search: RegisterSearch;
  readonly residents: ResidentStore;
  readonly handOffs: HandOffStore;
  readonly departments: DepartmentStore;
  readonly mail: MailStore;
}
