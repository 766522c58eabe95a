import { TODO_JRWA_CLASS, TODO_MARKER } from '../compile/lint.js';

export interface ScaffoldOptions {
  /** `<department>-<name>`, kebab-case, e.g. `wso-zaswiadczenie-zameldowanie`. */
  readonly id: string;
  /** Department code; defaults to the id's prefix in capitals. */
  readonly department?: string;
  /** The Polish title of the application. */
  readonly title?: string;
  /** The acts and articles the application rests on, in Polish, as the Dziennik Ustaw cites them. */
  readonly legalBasis?: readonly string[];
  /**
   * Where the application is filed: with the city through ebok, or, where an act names another
   * channel, through that service (its Polish name and its https address).
   */
  readonly channel?:
    { readonly kind: 'city' } | { readonly kind: 'elsewhere'; readonly service: string; readonly url: string };
}

/** The https address of a service an act names, or a usage problem. */
export function channelUrl(url: string): string {
  if (!/^https:\/\/[^\s]+$/.test(url) || url.length > 500)
    throw new ScaffoldError(`"${url}" is not the https address of a service (https://…, at most 500 characters)`);
  return url;
}

/** A usage problem with `ebok-forms new`: told to the author as is. */
export class ScaffoldError extends Error {
  override readonly name = 'ScaffoldError';
}

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/;
const DEPARTMENT = /^[A-Z][A-Z0-9]{1,9}$/;

/** Checks an id against the conventions and returns the department it belongs to. */
export function procedureDepartment(id: string, department?: string): string {
  if (!ID.test(id))
    throw new ScaffoldError(
      `"${id}" is not a procedure id: use kebab-case ASCII, <department>-<name>, e.g. wso-zaswiadczenie-zameldowanie`,
    );
  const code = department ?? id.slice(0, id.indexOf('-')).toUpperCase();
  if (!DEPARTMENT.test(code))
    throw new ScaffoldError(`"${code}" is not a department code: 2 to 10 capital letters or digits, e.g. WSO`);
  const prefix = `${code.toLowerCase()}-`;
  if (!id.startsWith(prefix))
    throw new ScaffoldError(`"${id}" must start with its department's code: ${prefix}… (department ${code})`);
  return code;
}

const todo = (what: string): { pl: string; en: string; uk: string } => ({
  pl: `${TODO_MARKER}: ${what}`,
  en: `${TODO_MARKER}: ${what} (English)`,
  uk: `${TODO_MARKER}: ${what} (Ukrainian)`,
});
/** A Polish text the author gave, still to be translated. */
const toTranslate = (pl: string): { pl: string; en: string; uk: string } => ({
  pl,
  en: `${TODO_MARKER}: translate "${pl}" into English`,
  uk: `${TODO_MARKER}: translate "${pl}" into Ukrainian`,
});

const POWER_OF_ATTORNEY = { pl: 'Pełnomocnictwo', en: 'Power of attorney', uk: 'Довіреність' };
const BY_PROXY = {
  pl: 'Wniosek składa pełnomocnik',
  en: 'A proxy is filing this on my behalf',
  uk: 'Заяву подає довірена особа',
};

/** What the legal review says of the channel: the author's choice, with the provision still to cite. */
function channelReview(channel: ScaffoldOptions['channel']): { pl: string; en: string } {
  if (channel === undefined)
    return {
      pl: `${TODO_MARKER}: czy wniosek wolno złożyć elektronicznie do urzędu miasta, czy ustawa wskazuje inny kanał (wtedy x-ebok-procedure.channel: elsewhere)`,
      en: `${TODO_MARKER}: may the application be filed electronically with the city, or does the act name another channel (then x-ebok-procedure.channel: elsewhere)`,
    };
  return channel.kind === 'city'
    ? {
        pl: `Wniosek składa się elektronicznie w urzędzie miasta. ${TODO_MARKER}: przepis, który na to pozwala`,
        en: `The application is filed electronically with the city. ${TODO_MARKER}: the provision that allows it`,
      }
    : {
        pl: `Wniosek składa się przez: ${channel.service} (${channel.url}). ${TODO_MARKER}: przepis, który wskazuje ten kanał`,
        en: `The application is filed through: ${channel.service} (${channel.url}). ${TODO_MARKER}: the provision that names this channel`,
      };
}

/** The new procedure schema: complete metadata, shared blocks, and two example fields to rename. */
export function scaffoldSchema(options: ScaffoldOptions): Record<string, unknown> {
  const { id } = options;
  const department = procedureDepartment(id, options.department);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://ebok.example/schemas/procedures/${id}.schema.json`,
    type: 'object',
    additionalProperties: false,
    'x-ebok-procedure': {
      id,
      version: '1.0.0',
      title: options.title ? toTranslate(options.title) : todo('tytuł wniosku'),
      summary: todo('jedno zdanie: do czego służy ten wniosek'),
      department,
      jrwa: { class: TODO_JRWA_CLASS, archiveCategory: 'B10' },
      legalBasis: options.legalBasis?.length
        ? options.legalBasis.map(toTranslate)
        : [todo('podstawa prawna (ustawa, artykuł)')],
      // What the acts say, how surely, and what a lawyer must still confirm; "checked" once checked in ISAP.
      legalReview: {
        sources: [
          {
            act: `${TODO_MARKER}: tytuł ustawy lub rozporządzenia, jak w Dzienniku Ustaw`,
            articles: `${TODO_MARKER}: artykuły`,
            confidence: 'low',
          },
        ],
        channel: channelReview(options.channel),
        open: [],
      },
      fee: { kind: 'none', description: todo('opłata skarbowa lub „bezpłatne”') },
      presence: 'none',
      signers: ['/proxy', '/applicant'],
      // The signatures the acts name; add "city" where the city's legal office accepts its certificate.
      signatures: ['qualified', 'trusted-profile', 'personal'],
      // Filed with the city through ebok; "elsewhere" (with service, url, howTo) where an act names another channel.
      channel:
        options.channel?.kind === 'elsewhere'
          ? {
              kind: 'elsewhere',
              service: toTranslate(options.channel.service),
              url: channelUrl(options.channel.url),
              howTo: todo('jak i gdzie złożyć wniosek: kolejne kroki, wizyta w urzędzie'),
            }
          : { kind: 'city' },
      inPerson: [],
      attachments: [
        {
          name: 'power-of-attorney',
          label: POWER_OF_ATTORNEY,
          mediaTypes: ['application/pdf', 'image/jpeg', 'image/png'],
          maxSize: 5242880,
          required: false,
          requiredWhen: { properties: { byProxy: { const: true } }, required: ['byProxy'] },
        },
      ],
      steps: [
        {
          id: 'applicant',
          title: { pl: 'Wnioskodawca', en: 'Applicant', uk: 'Заявник' },
          fields: ['applicant'],
        },
        { id: 'request', title: todo('tytuł kroku'), fields: ['requestType', 'requestTypeOther'] },
        {
          id: 'proxy',
          title: { pl: 'Pełnomocnik', en: 'Proxy', uk: 'Довірена особа' },
          fields: ['byProxy', 'proxy'],
          attachments: ['power-of-attorney'],
        },
      ],
    },
    properties: {
      applicant: { $ref: '../common/person.schema.json#/$defs/applicant' },
      requestType: {
        type: 'string',
        enum: ['wariant-a', 'wariant-b', 'inny'],
        'x-ebok': {
          label: todo('etykieta pola'),
          enumLabels: {
            'wariant-a': todo('pierwsza możliwość'),
            'wariant-b': todo('druga możliwość'),
            inny: { pl: 'Inny', en: 'Other', uk: 'Інше' },
          },
        },
      },
      requestTypeOther: {
        type: 'string',
        minLength: 1,
        maxLength: 500,
        'x-ebok': { label: todo('etykieta pola, gdy wybrano „Inny”') },
      },
      byProxy: { type: 'boolean', 'x-ebok': { label: BY_PROXY } },
      proxy: { $ref: '../common/person.schema.json#/$defs/proxy' },
    },
    required: ['applicant', 'requestType'],
    allOf: [
      {
        if: { properties: { requestType: { const: 'inny' } }, required: ['requestType'] },
        then: { required: ['requestTypeOther'] },
      },
      {
        if: { properties: { byProxy: { const: true } }, required: ['byProxy'] },
        then: { required: ['proxy'] },
      },
    ],
  };
}

const APPLICANT = {
  givenNames: 'Anna',
  surname: 'Kowalska',
  pesel: '44051401359',
  address: { street: 'Partyzantów', houseNumber: '1', postalCode: '10-522', town: 'Olsztyn' },
};

/** Example documents for the scaffold's fields; the examples test checks them like any other. */
export function scaffoldExamples(): Record<string, unknown> {
  return {
    'valid-example.json': {
      description: `${TODO_MARKER}: replace with real examples (at least two valid and five invalid)`,
      data: { applicant: APPLICANT, requestType: 'wariant-a' },
      attachments: [],
    },
    'invalid-example.json': {
      description: '"Other" chosen without saying what',
      data: { applicant: APPLICANT, requestType: 'inny' },
      attachments: [],
      errors: [{ pointer: '/requestTypeOther', code: 'required' }],
    },
  };
}

/**
 * JSON the way the repository's formatter leaves it: objects one key a line, arrays of plain
 * values on one line when they fit, so a new file needs no reformatting before a commit.
 */
export function formatJson(value: unknown, width = 120): string {
  const write = (v: unknown, indent: string): string => {
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      if (v.every((x) => x === null || typeof x !== 'object')) {
        const line = `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
        if (indent.length + line.length <= width - 10) return line;
      }
      const inner = `${indent}  `;
      return `[\n${v.map((x) => inner + write(x, inner)).join(',\n')}\n${indent}]`;
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      if (entries.length === 0) return '{}';
      const inner = `${indent}  `;
      return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, inner)}`).join(',\n')}\n${indent}}`;
    }
    return JSON.stringify(v);
  };
  return `${write(value, '')}\n`;
}

/** Every file of a new procedure, by path relative to the schemas folder. */
export function scaffoldProcedure(options: ScaffoldOptions): Map<string, string> {
  const files = new Map<string, string>();
  files.set(`procedures/${options.id}.schema.json`, formatJson(scaffoldSchema(options)));
  for (const [name, example] of Object.entries(scaffoldExamples()))
    files.set(`examples/${options.id}/${name}`, formatJson(example));
  return files;
}
