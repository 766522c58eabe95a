import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateRequest, generateResidentKeys } from '@ebok/forms-core/signing';
import { validators } from '@ebok/schemas/api';
import { ROUTES } from '../src/core/openapi.js';
import { PROBLEMS, problemTypeUri, type ProblemType } from '../src/core/problems.js';
import { readEnvelope } from '../src/core/submission.js';
import { testApp } from './app-support.js';

type Schema = Record<string, unknown>;
interface Operation {
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content: Record<string, { schema?: Schema }> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const TOKEN = 'department-token-for-the-test';
const REGISTRAR = 'registrar-token-for-the-test';
const API_DIR = resolve(import.meta.dirname, '../../../schemas/api');

/** The files of schemas/api/ by the name they go by: their title, or their file's name in PascalCase. */
const FILES: ReadonlyMap<string, Schema> = new Map(
  readdirSync(API_DIR)
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) => {
      const schema = JSON.parse(readFileSync(join(API_DIR, f), 'utf8')) as Schema;
      const pascal = f
        .replace(/\.schema\.json$/, '')
        .split('-')
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join('');
      return [typeof schema['title'] === 'string' ? schema['title'] : pascal, schema];
    }),
);
const byId = new Map([...FILES].map(([name, s]) => [s['$id'] as string, name]));

/** Where a `$ref` of an API file leads: the name of the file it names, and the pointer in it. */
function fileTarget(ref: string, base: string): string {
  const url = new URL(ref, base);
  const pointer = decodeURIComponent(url.hash.slice(1));
  url.hash = '';
  return `${byId.get(url.href)}${pointer}`;
}

/** A `$ref` of the OpenAPI document, read the same way: the component it names, and the pointer in it. */
const componentTarget = (ref: string): string => ref.replace(/^#\/components\/schemas\//, '');

/**
 * Whether a component is its file: every keyword and value the same, but the file's `$id` and
 * `$schema`, which a component has not, and `$ref`s, which must lead to the same place.
 */
function sameSchema(component: unknown, file: unknown, base: string, at: string, root = false): void {
  if (Array.isArray(file)) {
    expect(Array.isArray(component), at).toBe(true);
    expect((component as unknown[]).length, at).toBe(file.length);
    file.forEach((f, i) => sameSchema((component as unknown[])[i], f, base, `${at}/${i}`));
    return;
  }
  if (typeof file !== 'object' || file === null) {
    expect(component, at).toEqual(file);
    return;
  }
  const keys = Object.keys(file).filter((k) => !root || (k !== '$id' && k !== '$schema'));
  expect(Object.keys(component as object).sort(), at).toEqual(keys.sort());
  for (const k of keys) {
    const f = (file as Schema)[k];
    const c = (component as Schema)[k];
    if (k === '$ref' && typeof f === 'string') expect(componentTarget(c as string), at).toBe(fileTarget(f, base));
    else sameSchema(c, f, base, `${at}/${k}`);
  }
}

/** Follows a `$ref` of the document, keeping the keywords beside it (they apply too). */
function resolveRef(doc: OpenApi, schema: Schema): Schema {
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return schema;
  let target: unknown = doc;
  for (const segment of ref.slice(2).split('/')) target = (target as Schema)[segment];
  const { $ref: _ref, ...siblings } = schema;
  return { ...resolveRef(doc, target as Schema), ...siblings };
}

describe('the OpenAPI document', () => {
  let built: Awaited<ReturnType<typeof testApp>>;
  let doc: OpenApi;
  beforeAll(async () => {
    built = await testApp({ tokens: { 'department:WSO': TOKEN, registrar: REGISTRAR } });
    doc = (await (await built.app.request('/v1/openapi.json')).json()) as OpenApi;
  });
  afterAll(() => built.close());

  it('describes exactly the routes the app serves, so the OpenAPI document cannot drift', () => {
    const served = built.app.routes
      .filter((r) => r.method !== 'ALL')
      // The console's sign-in pages are where browsers go, not the API (DESIGN: "The office").
      .filter((r) => !r.path.startsWith('/office/'))
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    const described = ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`).sort();
    expect([...new Set(served)]).toEqual(described);
  });

  it('has the schemas of schemas/api/ as its components, as they are in the files', () => {
    const components = doc.components.schemas;
    const api = Object.keys(components).filter((n) => !n.startsWith('Procedure_'));
    expect(api.sort()).toEqual([...FILES.keys()].sort());
    for (const [name, file] of FILES) sameSchema(components[name], file, file['$id'] as string, name, true);
  });

  it('describes every JSON body, sent or received, by one of those schemas', () => {
    const apiRef = (schema: Schema | undefined, what: string): string => {
      const ref = schema?.['$ref'];
      expect(typeof ref, what).toBe('string');
      const name = componentTarget(ref as string);
      expect(FILES.has(name), `${what}: ${name}`).toBe(true);
      return name;
    };
    const refs: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const what = `${method.toUpperCase()} ${path}`;
        for (const [type, { schema }] of Object.entries(op.requestBody?.content ?? {})) {
          if (type === 'application/json') refs.push(apiRef(schema, `${what} request`));
          else {
            // Multipart: the JSON part (the signed document, a scan's metadata) by its schema.
            expect(type, what).toBe('multipart/form-data');
            const json = Object.entries(schema.properties as Record<string, Schema>).filter(
              ([part]) => part === 'document' || part === 'metadata',
            );
            expect(json, what).toHaveLength(1);
            const [, part] = json[0]!;
            refs.push(apiRef((part['allOf'] as Schema[] | undefined)?.[0] ?? part, `${what} part`));
          }
        }
        for (const [status, response] of Object.entries(op.responses)) {
          for (const [type, { schema }] of Object.entries(response.content)) {
            if (type === 'application/problem+json') expect(apiRef(schema, what)).toBe('Problem');
            else if (type === 'application/json' && path !== '/v1/openapi.json')
              refs.push(apiRef(schema, `${what} ${status}`));
          }
        }
      }
    }
    expect(refs).toContain('SubmittedDocument');
    expect(refs).toContain('SubmissionReceipt');
    expect(refs).toContain('LeaseRequest');
  });

  it('gives the same limits the handlers keep: a lease and a nonce at and past their edges', async () => {
    const lease = resolveRef(
      doc,
      doc.paths['/v1/departments/{code}/queue/lease']!['post']!.requestBody!.content['application/json']!.schema,
    ) as { properties: Record<'visibilitySeconds' | 'max', Schema> };
    const leaseWith = (body: unknown) =>
      built.app.request('/v1/departments/WSO/queue/lease', {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const { maximum, minimum } = resolveRef(doc, lease.properties.visibilitySeconds) as Record<string, number>;
    expect(maximum).toBeTypeOf('number');
    expect((await leaseWith({ max: 1, visibilitySeconds: maximum })).status).toBe(200);
    expect((await leaseWith({ max: 1, visibilitySeconds: maximum! + 1 })).status).toBe(400);
    expect((await leaseWith({ max: 1, visibilitySeconds: minimum })).status).toBe(200);
    expect((await leaseWith({ max: 1, visibilitySeconds: minimum! - 1 })).status).toBe(400);
    expect((await leaseWith({ max: (lease.properties.max['maximum'] as number) + 1 })).status).toBe(400);
    const submitted = resolveRef(doc, { $ref: '#/components/schemas/SubmittedDocument' }) as {
      properties: { nonce: { minLength: number; maxLength: number } };
    };
    const { minLength, maxLength } = submitted.properties.nonce;
    const envelope = (nonce: string) => ({
      procedure: 'usc-odpis-aktu',
      schemaVersion: '1.0.0',
      data: {},
      attachments: [],
      submittedAt: new Date().toISOString(),
      nonce,
    });
    expect(() => readEnvelope(envelope('n'.repeat(minLength)))).not.toThrow();
    expect(() => readEnvelope(envelope('n'.repeat(maxLength)))).not.toThrow();
    expect(() => readEnvelope(envelope('n'.repeat(minLength - 1)))).toThrow();
    expect(() => readEnvelope(envelope('n'.repeat(maxLength + 1)))).toThrow();
  });

  it('names every problem type the server has, and no other', () => {
    const problem = resolveRef(doc, { $ref: '#/components/schemas/Problem' }) as {
      properties: { type: { enum: string[] } };
    };
    expect(problem.properties.type.enum.sort()).toEqual(
      Object.keys(PROBLEMS)
        .map((k) => problemTypeUri(k as ProblemType))
        .sort(),
    );
  });
});

describe('what the app sends is what the schemas say', () => {
  let built: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    built = await testApp({ tokens: { 'department:WSO': TOKEN, registrar: REGISTRAR } });
  });
  afterAll(() => built.close());

  const call = async (
    path: string,
    init: { method?: string; token?: string; json?: unknown; body?: BodyInit } = {},
  ): Promise<{ status: number; body: unknown }> => {
    const res = await built.app.request(path, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.token && { authorization: `Bearer ${init.token}` }),
        ...(init.json !== undefined && { 'content-type': 'application/json' }),
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
    return { status: res.status, body: await res.json() };
  };
  const expectValid = (name: keyof typeof validators, body: unknown): void => {
    const validate = validators[name];
    expect(validate(body), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
  };

  it('the catalogue, a procedure and the health check', async () => {
    expectValid('Health', (await call('/healthz')).body);
    const catalogue = await call('/v1/procedures');
    expectValid('Catalogue', catalogue.body);
    expect((catalogue.body as unknown[]).length).toBe(14);
    expectValid('ProcedureDetail', (await call('/v1/procedures/usc-odpis-aktu')).body);
  });

  it('enrolment, a certificate and its revocation', async () => {
    const enrolment = await call('/v1/enrolments', {
      method: 'POST',
      token: REGISTRAR,
      json: { givenNames: 'Jan', surname: 'Kowalski', pesel: '44051401359' },
    });
    expect(enrolment.status).toBe(201);
    expectValid('Enrolment', enrolment.body);
    const csr = await createCertificateRequest(await generateResidentKeys());
    const certificate = await call('/v1/certificates', {
      method: 'POST',
      json: { activationCode: (enrolment.body as { activationCode: string }).activationCode, csr },
    });
    expect(certificate.status).toBe(201);
    expectValid('IssuedCertificate', certificate.body);
    const serial = (certificate.body as { serialNumber: string }).serialNumber;
    const revocation = await call(`/v1/certificates/${serial}/revocation`, {
      method: 'POST',
      token: REGISTRAR,
      json: {},
    });
    expect(revocation.status).toBe(200);
    expectValid('Revocation', revocation.body);
  });

  it('a scanned letter: its registration, receipt, register entry, lease, document and ack', async () => {
    const form = new FormData();
    form.append('metadata', JSON.stringify({ sender: 'Jan Nowak', subject: 'Skarga', department: 'WSO' }));
    form.append('scan-1', new Blob([new Uint8Array([37, 80, 68, 70])], { type: 'application/pdf' }), 'scan-1.pdf');
    const registered = await call('/v1/chancelleries/k1/documents', { method: 'POST', token: REGISTRAR, body: form });
    expect(registered.status).toBe(201);
    expectValid('ChancelleryRegistration', registered.body);
    const number = encodeURIComponent((registered.body as { registryNumber: string }).registryNumber);

    // Paper has neither a procedure nor a signed document's hash: the receipt says null for both.
    const receipt = await call(`/v1/receipts/${number}`, { token: REGISTRAR });
    expectValid('SubmissionReceipt', receipt.body);
    expect(receipt.body).toMatchObject({ procedure: null, documentSha256: null });
    expectValid('RegisterPage', (await call('/v1/register', { token: REGISTRAR })).body);

    const lease = await call('/v1/departments/WSO/queue/lease', { method: 'POST', token: TOKEN, json: {} });
    expectValid('Lease', lease.body);
    const [message] = (lease.body as { messages: Array<{ id: number; leaseId: string }> }).messages;
    expectValid('DepartmentDocument', (await call(`/v1/departments/WSO/documents/${number}`, { token: TOKEN })).body);
    const ack = await call(`/v1/departments/WSO/queue/${message!.id}/ack`, {
      method: 'POST',
      token: TOKEN,
      json: { leaseId: message!.leaseId },
    });
    expect(ack.status).toBe(200);
    expectValid('QueueOutcome', ack.body);
    expectValid('DeadLetters', (await call('/v1/departments/WSO/dead-letters', { token: TOKEN })).body);
  });

  it('problems: a body its schema refuses names the member by its pointer', async () => {
    const refused = await call('/v1/departments/WSO/queue/lease', {
      method: 'POST',
      token: TOKEN,
      json: { max: 101 },
    });
    expect(refused.status).toBe(400);
    expectValid('Problem', refused.body);
    expect(refused.body).toMatchObject({
      type: 'urn:ebok:problem:bad-request',
      detail: expect.stringMatching(/^\/max: /),
      errors: [{ pointer: '/max', code: 'maximum', message: expect.any(String) }],
    });
    expectValid('Problem', (await call('/v1/register')).body);
  });
});
