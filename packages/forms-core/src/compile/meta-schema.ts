/** JSON Schemas for the `x-ebok*` annotations; the compiler checks every schema against them. */

const text = {
  type: 'object',
  properties: {
    pl: { type: 'string', minLength: 1 },
    en: { type: 'string', minLength: 1 },
    uk: { type: 'string', minLength: 1 },
  },
  required: ['pl', 'en', 'uk'],
  additionalProperties: false,
} as const;

/** A note for the city's lawyer: Polish, the language of the acts, and English. */
const note = {
  type: 'object',
  properties: {
    pl: { type: 'string', minLength: 1 },
    en: { type: 'string', minLength: 1 },
  },
  required: ['pl', 'en'],
  additionalProperties: false,
} as const;

/** How surely a review established a point: `high`, the act's text was read; `low`, from memory. */
export const CONFIDENCE_LEVELS = ['high', 'medium-high', 'medium', 'low'] as const;

/**
 * What a legal review of the procedure established: when it was checked, against which acts and
 * articles and how surely, what the acts say about the channel, and what a lawyer must still
 * confirm. Servers and the docs read it; browsers never download it.
 */
const legalReview = {
  type: 'object',
  properties: {
    checked: { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' },
    sources: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          act: { type: 'string', minLength: 1 },
          journal: { type: 'string', pattern: '^(M\\.P\\.|Dz\\.U\\.) [0-9]{4} poz\\. [0-9]+' },
          articles: { type: 'string', minLength: 1 },
          url: { type: 'string', pattern: '^https?://[^\\s]+$' },
          confidence: { enum: CONFIDENCE_LEVELS },
          note: { $ref: '#/$defs/note' },
        },
        required: ['act', 'confidence'],
        additionalProperties: false,
      },
    },
    channel: { $ref: '#/$defs/note' },
    open: { type: 'array', items: { $ref: '#/$defs/note' } },
  },
  required: ['sources', 'open'],
  additionalProperties: false,
} as const;

export const WIDGET_KINDS = [
  'text',
  'textarea',
  'number',
  'date',
  'select',
  'radio',
  'checkbox',
  'checkbox-group',
  'group',
  'repeatable',
  'address',
  'identifier',
] as const;

export const fieldAnnotationSchema = {
  $id: 'ebok:meta/field',
  type: 'object',
  $defs: { text },
  properties: {
    label: { $ref: '#/$defs/text' },
    hint: { $ref: '#/$defs/text' },
    itemLabel: { $ref: '#/$defs/text' },
    enumLabels: { type: 'object', additionalProperties: { $ref: '#/$defs/text' } },
    widget: { enum: WIDGET_KINDS },
    autocomplete: { type: 'string', pattern: '^[a-z0-9-]+( [a-z0-9-]+)*$' },
  },
  additionalProperties: false,
} as const;

export const errorAnnotationSchema = { $id: 'ebok:meta/error', $defs: { text }, $ref: '#/$defs/text' } as const;

export const procedureAnnotationSchema = {
  $id: 'ebok:meta/procedure',
  type: 'object',
  $defs: { text, note },
  properties: {
    id: { type: 'string', pattern: '^[a-z]+(-[a-z0-9]+)+$' },
    version: { type: 'string', pattern: '^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$' },
    title: { $ref: '#/$defs/text' },
    summary: { $ref: '#/$defs/text' },
    department: { type: 'string', pattern: '^[A-Z][A-Z0-9]{1,9}$' },
    jrwa: {
      type: 'object',
      properties: {
        class: { type: 'string', pattern: '^[0-9]{1,4}$' },
        archiveCategory: { type: 'string', pattern: '^(A|B[0-9]*|BE[0-9]+|Bc)$' },
      },
      required: ['class', 'archiveCategory'],
      additionalProperties: false,
    },
    legalBasis: { type: 'array', minItems: 1, items: { $ref: '#/$defs/text' } },
    legalReview: legalReview,
    fee: {
      type: 'object',
      properties: {
        kind: { enum: ['none', 'fixed', 'variable'] },
        amountPln: { type: 'number', minimum: 0 },
        description: { $ref: '#/$defs/text' },
      },
      required: ['kind', 'description'],
      additionalProperties: false,
    },
    presence: { enum: ['none', 'partial'] },
    // How long the office has to settle a case (absent: one month, KPA art. 35 § 3).
    deadline: {
      type: 'object',
      properties: {
        months: { type: 'integer', minimum: 1, maximum: 12 },
        days: { type: 'integer', minimum: 1, maximum: 365 },
        workingDays: { type: 'integer', minimum: 1, maximum: 250 },
        basis: { $ref: '#/$defs/text' },
      },
      required: ['basis'],
      additionalProperties: false,
      // The basis and exactly one of months, days and working days.
      minProperties: 2,
      maxProperties: 2,
    },
    signers: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', pattern: '^(/[a-zA-Z][a-zA-Z0-9]*(/(0|[1-9][0-9]*))?)+(/\\*)?$' },
    },
    // Where the resident's e-mail address for status messages is: the first of these the data gives.
    contactEmail: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', pattern: '^(/[a-zA-Z][a-zA-Z0-9]*(/(0|[1-9][0-9]*))?)+$' },
    },
    signatures: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { enum: ['city', 'qualified', 'trusted-profile', 'personal'] },
    },
    channel: {
      type: 'object',
      properties: {
        kind: { enum: ['city', 'elsewhere'] },
        service: { $ref: '#/$defs/text' },
        url: { type: 'string', pattern: '^https://[^\\s]+$', maxLength: 500 },
        howTo: { $ref: '#/$defs/text' },
      },
      required: ['kind'],
      additionalProperties: false,
      // Where the application goes instead, and how, for `elsewhere`; nothing of it for `city`.
      oneOf: [
        { properties: { kind: { const: 'city' } }, maxProperties: 1 },
        { properties: { kind: { const: 'elsewhere' } }, minProperties: 4 },
      ],
    },
    inPerson: { type: 'array', items: { $ref: '#/$defs/text' } },
    attachments: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
          label: { $ref: '#/$defs/text' },
          hint: { $ref: '#/$defs/text' },
          mediaTypes: {
            type: 'array',
            minItems: 1,
            uniqueItems: true,
            items: { type: 'string', pattern: '^[a-z]+/[a-z0-9.+-]+$' },
          },
          maxSize: { type: 'integer', minimum: 1, maximum: 5242880 },
          image: {
            type: 'object',
            properties: {
              minWidth: { type: 'integer', minimum: 1, maximum: 65535 },
              minHeight: { type: 'integer', minimum: 1, maximum: 65535 },
              maxWidth: { type: 'integer', minimum: 1, maximum: 65535 },
              maxHeight: { type: 'integer', minimum: 1, maximum: 65535 },
            },
            required: ['minWidth', 'minHeight'],
            dependencies: { maxWidth: ['maxHeight'], maxHeight: ['maxWidth'] },
            additionalProperties: false,
          },
          required: { type: 'boolean' },
          requiredWhen: { type: 'object' },
        },
        required: ['name', 'label', 'mediaTypes', 'maxSize', 'required'],
        additionalProperties: false,
      },
    },
    steps: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
          title: { $ref: '#/$defs/text' },
          fields: { type: 'array', items: { type: 'string' } },
          attachments: { type: 'array', items: { type: 'string' } },
        },
        required: ['id', 'title', 'fields'],
        additionalProperties: false,
      },
    },
  },
  required: [
    'id',
    'version',
    'title',
    'summary',
    'department',
    'jrwa',
    'legalBasis',
    'fee',
    'presence',
    'inPerson',
    'attachments',
    'steps',
  ],
  additionalProperties: false,
} as const;
