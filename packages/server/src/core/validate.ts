/**
 * @module JSON bodies checked by their schemas (`schemas/api/`): read within the request's limits,
 * then validated by the schema's generated standalone validator, as route middleware; a part of a
 * multipart body is checked the same way with `checkBody`.
 */
import type { Context, Env, MiddlewareHandler } from 'hono';
import { toIssues, type SchemaValidator } from '@ebok/forms-core/runtime';
import { type ApiBodies, validators } from '@ebok/schemas/api';
import type { Limits } from './config.js';
import { parseJsonBody } from './json-limits.js';
import { type Lang, negotiateLanguage, Problem } from './problems.js';

/** A body with a schema of its own: the name of its schema (and of its generated type). */
export type BodyName = keyof typeof validators & keyof ApiBodies;

/** What `jsonBody(name)` gives a route: `c.req.valid('json')`, typed as the schema's type. */
export type JsonBody<K extends BodyName> = { in: { json: ApiBodies[K] }; out: { json: ApiBodies[K] } };

/**
 * Reads a JSON object body: the media type, the bytes counted to the limit as they come, the
 * nesting, then parsing.
 */
export async function readJsonBody(
  c: Context,
  readBody: (c: Context, maxBytes: number) => Promise<Uint8Array>,
  limits: Pick<Limits, 'jsonBodyBytes' | 'jsonDepth'>,
): Promise<Record<string, unknown>> {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? ''))
    throw new Problem('unsupported-media-type', 'expected application/json');
  return parseJsonBody(await readBody(c, limits.jsonBodyBytes), limits.jsonDepth);
}

/**
 * The value, typed, if its schema holds; otherwise a problem (`bad-request` unless told) whose
 * detail names the first thing wrong by its JSON pointer, and whose `errors` list them all, each
 * with its pointer, a stable code and a message in the request's language.
 */
export function checkBody<K extends BodyName>(
  name: K,
  value: unknown,
  lang: Lang,
  type: 'bad-request' | 'invalid-document' = 'bad-request',
): ApiBodies[K] {
  const validate = validators[name] as SchemaValidator<ApiBodies[K]>;
  if (validate(value)) return value;
  const issues = toIssues(validate.errors);
  const [first] = issues;
  const where = (pointer: string, message: string) => (pointer === '' ? message : `${pointer}: ${message}`);
  throw new Problem(
    type,
    first && {
      pl: where(first.pointer, first.message.pl),
      en: where(first.pointer, first.message.en),
      uk: where(first.pointer, first.message.uk),
    },
    { errors: issues.map((i) => ({ pointer: i.pointer, code: i.code, message: i.message[lang] })) },
  );
}

/**
 * Route middleware: the request's JSON body, read by `read` (within the limits) and checked by
 * the schema `name`; the handler takes it with `c.req.valid('json')`. Put it after what must be
 * checked before a body is read at all (roles, attempt limits).
 */
export function jsonBody<K extends BodyName>(
  name: K,
  read: (c: Context) => Promise<unknown>,
): MiddlewareHandler<Env, string, JsonBody<K>> {
  return async (c, next) => {
    const body = checkBody(name, await read(c), negotiateLanguage(c.req.header('accept-language')));
    c.req.addValidatedData('json', body as object);
    await next();
  };
}
