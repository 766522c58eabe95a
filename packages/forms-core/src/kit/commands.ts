import { formatIssue } from '../compile/issues.js';
import { checkSchemas } from './check.js';
import { createProcedure } from './new.js';
import { channelUrl, procedureDepartment, ScaffoldError, type ScaffoldOptions } from './scaffold.js';

/** Where a command's lines go; the CLI passes the console, tests collect them. */
export interface Output {
  log(line: string): void;
  error(line: string): void;
}

/** The options of `ebok-forms new`, as the command line gives them. */
export interface NewOptions {
  readonly schemas: string;
  readonly department?: string | undefined;
  readonly title?: string | undefined;
  readonly legalBasis?: readonly string[] | undefined;
  /** `city` or `elsewhere`. */
  readonly channel?: string | undefined;
  readonly channelService?: string | undefined;
  readonly channelUrl?: string | undefined;
  /** Asks the author a question at a terminal; without it, what is not given stays a to-do. */
  readonly ask?: ((question: string) => Promise<string>) | undefined;
}

/** The legal basis and the channel: from the options, else asked, else left to do. */
async function legalOptions(options: NewOptions): Promise<Pick<ScaffoldOptions, 'legalBasis' | 'channel' | 'title'>> {
  const { ask } = options;
  const title = options.title ?? ((await ask?.('Tytuł wniosku (po polsku): '))?.trim() || undefined);
  let legalBasis = options.legalBasis?.map((b) => b.trim()).filter(Boolean);
  if (!legalBasis?.length && ask) {
    legalBasis = [];
    for (;;) {
      const line = (
        await ask(
          legalBasis.length === 0
            ? 'Podstawa prawna: ustawa lub rozporządzenie z artykułem, jak w Dzienniku Ustaw (pusta linia, jeśli jeszcze nie wiesz): '
            : 'Kolejny akt (pusta linia kończy): ',
        )
      ).trim();
      if (!line) break;
      legalBasis.push(line);
    }
  }
  let kind = options.channel?.trim();
  if (kind === undefined && ask)
    kind =
      (
        await ask(
          'Kanał: "city", jeśli wniosek wolno złożyć elektronicznie w urzędzie miasta, albo "elsewhere", jeśli ustawa wskazuje inną usługę [city]: ',
        )
      ).trim() || 'city';
  let channel: ScaffoldOptions['channel'];
  if (kind === 'city') channel = { kind: 'city' };
  else if (kind === 'elsewhere') {
    const service = options.channelService?.trim() || (await ask?.('Nazwa tej usługi (po polsku): '))?.trim();
    const url = options.channelUrl?.trim() || (await ask?.('Jej adres (https://…): '))?.trim();
    if (!service || !url)
      throw new ScaffoldError(
        '--channel elsewhere needs --channel-service "<its Polish name>" and --channel-url https://…',
      );
    channel = { kind: 'elsewhere', service, url: channelUrl(url) };
  } else if (kind !== undefined) throw new ScaffoldError(`--channel is "city" or "elsewhere", not "${kind}"`);
  return {
    ...(title !== undefined && { title }),
    ...(legalBasis?.length ? { legalBasis } : {}),
    ...(channel !== undefined && { channel }),
  };
}

/** `ebok-forms new <id>`: exit code 0 when written, 2 on a usage problem. */
export async function runNew(args: readonly string[], options: NewOptions, out: Output = console): Promise<number> {
  const [id, ...rest] = args;
  if (id === undefined || rest.length > 0) {
    out.error(
      'ebok-forms new: give exactly one procedure id, e.g. npm run forms -- new wso-zaswiadczenie-zameldowanie',
    );
    return 2;
  }
  try {
    procedureDepartment(id, options.department);
    const legal = await legalOptions(options);
    const result = await createProcedure(options.schemas, {
      id,
      ...(options.department !== undefined && { department: options.department }),
      ...legal,
    });
    out.log(`ebok-forms: created ${id}:`);
    for (const f of result.files) out.log(`  ${options.schemas}/${f}`);
    for (const n of result.notes) out.log(`note: ${n}`);
    if (!legal.legalBasis) out.log('note: no legal basis given (--legal-basis "<act, article>"): it is a to-do');
    if (!legal.channel) out.log('note: no channel given (--channel city|elsewhere): it is a to-do in the legal review');
    out.log(`Next: replace every "TODO", then run npm run forms -- check --schemas ${options.schemas}`);
    out.log('Check the legal basis and the channel in ISAP, and set legalReview.checked to the day you did.');
    return 0;
  } catch (e) {
    if (e instanceof ScaffoldError) {
      out.error(`ebok-forms new: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

/** `ebok-forms check`: exit code 0 when clean, 1 with findings; `today` dates the legal reviews. */
export async function runCheck(schemas: string, out: Output = console, today: Date = new Date()): Promise<number> {
  const { procedures, findings } = await checkSchemas(schemas, { today });
  for (const f of findings) out.error(formatIssue(f));
  if (findings.length > 0) {
    const files = new Set(findings.map((f) => f.file)).size;
    out.error(
      `ebok-forms check: ${findings.length} finding${findings.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`,
    );
    return 1;
  }
  out.log(`ebok-forms check: ${procedures} procedures, no findings`);
  return 0;
}
