/** @module The OpenAPI document: every route, its roles and its bodies as the API schemas in schemas/api. */
import { schemas as apiSchemas } from '@ebok/schemas/api';
import { HAND_OFF_ROUTES } from './openapi-hand-off-routes.js';
import { PARAMETERS, ref, ROUTES as BASE_ROUTES, text, type RouteSpec, type Schema } from './openapi-routes.js';
import type { ProcedureRegistry } from './procedures.js';

/** Every route of API v1, as the document describes it. */
export const ROUTES: readonly RouteSpec[] = [...BASE_ROUTES, ...HAND_OFF_ROUTES];

const NAMES = new Map<string, string>(Object.entries(apiSchemas).map(([name, s]) => [s.$id, name]));

/**
 * An API schema as a component of the document: as it is in `schemas/api/`, but for its `$id`
 * and `$schema` (a component is not a schema resource of its own) and its `$ref`s, which point at
 * the components that the schemas they named became.
 */
export function asComponent(schema: Schema): Schema {
  const base = String(schema['$id']);
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => {
        if (k !== '$ref' || typeof v !== 'string') return [k, k === 'enum' || k === 'const' ? v : rewrite(v)];
        const url = new URL(v, base);
        const fragment = decodeURIComponent(url.hash.slice(1));
        url.hash = '';
        const name = NAMES.get(url.href);
        if (!name) throw new Error(`${base}: $ref ${v} is not an API schema`);
        return [k, `#/components/schemas/${name}${fragment}`];
      }),
    );
  };
  const { $id: _id, $schema: _schema, ...rest } = schema;
  return rewrite(rest) as Schema;
}

/** The OpenAPI 3.1 document: the route table above, the API's schemas and every procedure's JSON Schema. */
export async function buildOpenApi(procedures: ProcedureRegistry): Promise<Record<string, unknown>> {
  const schemas: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(apiSchemas)) schemas[name] = asComponent(schema);
  const procedureRefs: Schema[] = [];
  for (const entry of procedures.catalogue) {
    const name = `Procedure_${entry.id.replace(/-/g, '_')}`;
    schemas[name] = await procedures.schema(entry.id, entry.version);
    procedureRefs.push({ $ref: `#/components/schemas/${name}` });
  }
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: PARAMETERS[m[1]!] ?? text,
    }));
    const body = r.body && (typeof r.body.schema === 'function' ? r.body.schema(procedureRefs) : r.body.schema);
    (paths[r.path] ??= {})[r.method] = {
      summary: r.summary,
      ...(params.length > 0 && { parameters: params }),
      ...(r.auth && { security: [{ bearer: [] }, { session: [] }], 'x-ebok-roles': r.auth.split('|') }),
      ...(r.body && { requestBody: { required: true, content: { [r.body.type]: { schema: body } } } }),
      responses: {
        [r.ok.status]: {
          description: r.ok.description,
          content: { [r.ok.type]: r.ok.schema ? { schema: r.ok.schema } : {} },
        },
        default: {
          description: 'A problem',
          content: { 'application/problem+json': { schema: ref('Problem') } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'ebok intake API',
      version: '1.0.0',
      description: 'Signed applications, the register of incoming items and department queues',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A machine client’s token (EBOK_TOKENS)' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: '__Host-ebok-session',
          description:
            'A person signed in at /office/sign-in; a request that changes something also sends X-CSRF-Token (from GET /v1/session) and comes from this origin',
        },
      },
    },
  };
}
