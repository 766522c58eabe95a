/** The languages every resident-visible text exists in; Polish is the source. */
export const LANGS = ['pl', 'en', 'uk'] as const;
export type Lang = (typeof LANGS)[number];
export type Text = Readonly<Record<Lang, string>>;

export type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

/**
 * A condition from a schema's `if`, evaluated exactly as JSON Schema evaluates it: `property`
 * holds when the value is not an object or lacks the property; `contains` holds for non-arrays.
 */
export type Condition =
  | { readonly kind: 'true' }
  | { readonly kind: 'all'; readonly of: readonly Condition[] }
  | { readonly kind: 'any'; readonly of: readonly Condition[] }
  | { readonly kind: 'not'; readonly of: Condition }
  | { readonly kind: 'required'; readonly names: readonly string[] }
  | { readonly kind: 'property'; readonly name: string; readonly test: Condition }
  /** The property is there and passes the test (`properties` and `required` of one name). */
  | { readonly kind: 'has'; readonly name: string; readonly test: Condition }
  | { readonly kind: 'const'; readonly value: Json }
  | { readonly kind: 'enum'; readonly values: readonly Json[] }
  | { readonly kind: 'contains'; readonly test: Condition };

export interface ValidationIssue {
  /** JSON pointer of the field in the form data (or /attachments/<name>). */
  readonly pointer: string;
  /** Stable code: the JSON Schema keyword, `format.<name>`, `attachment.<problem>` or a warning code. */
  readonly code: string;
  readonly message: Text;
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface ValidationResult<T = unknown> {
  readonly valid: boolean;
  readonly errors: readonly ValidationIssue[];
  /** Problems that never block a submission, e.g. a VIN whose North-American check digit fails. */
  readonly warnings: readonly ValidationIssue[];
  /** Present when valid: the same data, typed. */
  readonly data?: T;
}

export interface AttachmentRef {
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256?: string;
}

export type Presence = 'none' | 'partial';

/**
 * How an application may be signed: with the city's own certificate (`city`), or with one of the
 * signatures the acts name: a qualified electronic signature, podpis zaufany (`trusted-profile`)
 * or podpis osobisty (`personal`, the e-ID card).
 */
export type SignatureKind = 'city' | 'qualified' | 'trusted-profile' | 'personal';
export type FeeKind = 'none' | 'fixed' | 'variable';

/**
 * The pixel size an image attachment (JPEG or PNG) must have, as the system that receives it
 * states it; a maximum, where there is one, is given for both sides.
 */
export interface ImageRule {
  readonly minWidth: number;
  readonly minHeight: number;
  readonly maxWidth?: number;
  readonly maxHeight?: number;
}

/** What an attachment must be: the rules a validator checks it by. */
export interface AttachmentRule {
  readonly name: string;
  readonly mediaTypes: readonly string[];
  readonly maxSize: number;
  /**
   * Its pixel size, read from the file's own bytes (the browser before it is sent, the server
   * when it is filed): only for attachments that are all JPEG or PNG.
   */
  readonly image?: ImageRule;
  readonly required: boolean;
  /** Relative to the form data's root. */
  readonly requiredWhen?: Condition;
}

export interface AttachmentSpec extends AttachmentRule {
  readonly label: Text;
  readonly hint?: Text;
}

/** A note for a city's lawyer, in Polish (the language of the acts) and English. */
export interface LegalNote {
  readonly pl: string;
  readonly en: string;
}

/** How surely a review established a source: `high`, the act's text was read; `low`, from memory. */
export type Confidence = 'high' | 'medium-high' | 'medium' | 'low';

/** An act or regulation a procedure rests on, as a legal review found it. */
export interface LegalSource {
  /** The act's title as published, e.g. "Ustawa z dnia 24 września 2010 r. o ewidencji ludności". */
  readonly act: string;
  /** Where it is published (or its consolidated text), e.g. "Dz.U. 2022 poz. 1191". */
  readonly journal?: string;
  readonly articles?: string;
  /** Where the review read it. */
  readonly url?: string;
  readonly confidence: Confidence;
  readonly note?: LegalNote;
}

/**
 * What a legal review of a procedure established: the date it was checked, its sources and how
 * surely each was read, what the acts say about the channel of filing, and the points a lawyer
 * must still confirm in ISAP. Servers and the docs read it; browsers never download it.
 */
export interface LegalReview {
  /** `YYYY-MM-DD`; absent until someone has checked the sources. */
  readonly checked?: string;
  readonly sources: readonly LegalSource[];
  readonly channel?: LegalNote;
  readonly open: readonly LegalNote[];
}

/**
 * Where an application is filed. `city`: with the city, through ebok (the default). `elsewhere`:
 * an act lets it be filed electronically only through another service (the ID card through the
 * digital-affairs minister's e-service; CEIDG-1 through biznes.gov.pl). ebok then prepares it with
 * the resident, says where and how it is filed (`service`, `url`, `howTo`), and what it sends the
 * office is a notice of a visit ("zgłoszenie wizyty"), never a filing.
 */
export type Channel =
  | { readonly kind: 'city' }
  | { readonly kind: 'elsewhere'; readonly service: Text; readonly url: string; readonly howTo: Text };

/**
 * How long the office has to settle a case of a procedure, counted from the day it received the
 * application: months (KPA art. 35 § 3), or days or working days where a special act says so,
 * with the provision in `basis`. A schema without one has one month.
 */
export type CaseDeadline = (
  { readonly months: number } | { readonly days: number } | { readonly workingDays: number }
) & {
  readonly basis: Text;
};

export interface ProcedureSummary {
  readonly id: string;
  readonly version: string;
  readonly title: Text;
  readonly summary: Text;
  readonly department: string;
  readonly jrwa: { readonly class: string; readonly archiveCategory: string };
  readonly legalBasis: readonly Text[];
  readonly legalReview?: LegalReview;
  readonly fee: { readonly kind: FeeKind; readonly amountPln?: number; readonly description: Text };
  readonly presence: Presence;
  /** How long the office has to settle a case; absent: one month (KPA art. 35 § 3). */
  readonly deadline?: CaseDeadline;
  /**
   * Who may sign, in order: JSON pointers to the people in the data (e.g. `/proxy`, `/applicant`).
   * The first that holds a person is the one whose certificate must sign (see `expectedSigner`);
   * one ending in `/*` (`/owners/*`) names a list whose every person must sign (`expectedSigners`).
   */
  readonly signers?: readonly string[];
  /**
   * Where the resident's e-mail address is (JSON pointers, e.g. `/applicant/email`): the first the
   * data gives is where the office's status messages go, on the statuses an officer flags "inform".
   * Absent: the procedure sends none.
   */
  readonly contactEmail?: readonly string[];
  /**
   * The kinds of signature this procedure accepts (see `acceptedSignatures` for the default when a
   * schema names none); a city may narrow them in its server's configuration.
   */
  readonly signatures?: readonly SignatureKind[];
  /** Where the application is filed; absent: with the city, through ebok. */
  readonly channel?: Channel;
  readonly inPerson: readonly Text[];
  readonly attachments: readonly AttachmentSpec[];
}

export type WidgetKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'date'
  | 'select'
  | 'radio'
  | 'checkbox'
  | 'checkbox-group'
  | 'group'
  | 'repeatable'
  | 'address'
  | 'identifier';

export type ValueType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

export interface FieldConstraints {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
}

export interface FieldModel {
  readonly name: string;
  /** JSON pointer from the data root; `*` stands for any array index. */
  readonly path: string;
  readonly kind: WidgetKind;
  readonly type: ValueType;
  readonly label: Text;
  readonly hint?: Text;
  /**
   * The field must be answered whenever it is shown: a field that a condition requires is shown
   * (`visibleWhen`) exactly while the condition holds.
   */
  readonly required: boolean;
  /** The field is shown (and submitted) only while this holds; relative to the holding object. */
  readonly visibleWhen?: Condition;
  readonly format?: string;
  readonly warnings?: readonly string[];
  readonly options?: ReadonlyArray<{ readonly value: Json; readonly label: Text }>;
  readonly constraints?: FieldConstraints;
  readonly autocomplete?: string;
  readonly constValue?: Json;
  /** Members of a group, an address, or the object items of a repeatable. */
  readonly fields?: readonly FieldModel[];
  /** The item of a repeatable of scalars. */
  readonly item?: FieldModel;
  readonly itemLabel?: Text;
}

/** A field as browsers have it: no pointer from the data root, no warnings (the validator has them). */
export interface BrowserFieldModel extends Omit<FieldModel, 'path' | 'warnings' | 'fields' | 'item'> {
  readonly fields?: readonly BrowserFieldModel[];
  readonly item?: BrowserFieldModel;
}

export interface StepModel {
  readonly id: string;
  readonly title: Text;
  readonly fields: readonly string[];
  readonly attachments: readonly string[];
}

export interface FormModel {
  readonly procedure: ProcedureSummary;
  readonly steps: readonly StepModel[];
  readonly fields: readonly FieldModel[];
}

/**
 * A form model as browsers have it (`form-model.pl.js`): what the widgets read, without the
 * fields' pointers and warnings or the procedure's filing data (JRWA class, department, presence)
 * and legal review, which only servers, the compiler and the docs use.
 */
export interface BrowserFormModel {
  readonly procedure: Omit<ProcedureSummary, 'jrwa' | 'department' | 'presence' | 'legalReview' | 'deadline'>;
  readonly steps: readonly StepModel[];
  readonly fields: readonly BrowserFieldModel[];
}

/** Compile-time facts the runtime validator needs beside ajv's function. */
export interface ValidatorSpec {
  readonly id: string;
  readonly version: string;
  /** Without their labels and hints: residents read those in the form model. */
  readonly attachments: readonly AttachmentRule[];
  /**
   * `x-ebok-error` messages keyed by `<pointer pattern> <keyword>` (`*` for array indices); where
   * several rules restrict one field, `at` (the rule's pointer in its schema file) tells them apart
   * (a message that is alone for its field and keyword has none).
   */
  readonly messages: Readonly<Record<string, ReadonlyArray<{ readonly at?: string; readonly text: Text }>>>;
  /** Paths (with `*`) of fields whose format has warning checks, with the format name. */
  readonly warnings: ReadonlyArray<{ readonly path: string; readonly format: string }>;
}
