import { PROBLEMS, problemTypeUri } from './problems.js';
import type { ProcedureRegistry } from './procedures.js';
import { MAX_LEASE_SECONDS } from './routes/departments.js';
import { NONCE_LENGTH } from './submission.js';

type Schema = Record<string, unknown>;

interface RouteSpec {
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly summary: string;
  readonly auth?: string;
  readonly body?: { readonly type: string; readonly schema: Schema };
  readonly ok: {
    readonly status: number;
    readonly type: string;
    readonly schema?: Schema;
    readonly description: string;
  };
}

const text = { type: 'string' };
const registryNumber = { type: 'string', description: 'Register number, e.g. RPW/12/2026 (URL-encoded in paths)' };
const receipt = {
  type: 'object',
  required: ['registryNumber', 'receivedAt', 'department', 'receipt'],
  properties: {
    registryNumber,
    receivedAt: { type: 'string', format: 'date-time' },
    procedure: { type: ['object', 'null'], properties: { id: text, version: text } },
    department: text,
    documentSha256: { type: ['string', 'null'] },
    receipt: {
      type: 'object',
      properties: {
        document: { type: 'string', description: "The receipt's exact signed bytes (RFC 8785 JSON)" },
        signature: { type: 'string', contentEncoding: 'base64', description: 'DER CMS SignedData, detached' },
      },
    },
  },
};

/**
 * The routes of API v1, described once. The server's test checks that this table and the
 * routes the app registers are the same set, so the OpenAPI document cannot drift from the code.
 */
export const ROUTES: readonly RouteSpec[] = [
  {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness',
    ok: { status: 200, type: 'application/json', description: 'Ready' },
  },
  {
    method: 'get',
    path: '/v1/openapi.json',
    summary: 'This document',
    ok: { status: 200, type: 'application/json', description: 'OpenAPI 3.1' },
  },
  {
    method: 'get',
    path: '/v1/procedures',
    summary: 'Catalogue of procedures',
    ok: {
      status: 200,
      type: 'application/json',
      schema: { type: 'array', items: { $ref: '#/components/schemas/CatalogueEntry' } },
      description: 'Every procedure, latest version',
    },
  },
  {
    method: 'get',
    path: '/v1/procedures/{id}',
    summary: "A procedure's metadata and JSON Schema",
    ok: { status: 200, type: 'application/json', description: 'Metadata and schema' },
  },
  {
    method: 'get',
    path: '/v1/ca/certificate',
    summary: 'The city CA certificate (DER; ?format=pem for PEM)',
    ok: { status: 200, type: 'application/pkix-cert', description: 'Certificate' },
  },
  {
    method: 'get',
    path: '/v1/ca/crl',
    summary: 'Current CRL, signed by the CA',
    ok: { status: 200, type: 'application/pkix-crl', description: 'CRL (DER)' },
  },
  {
    method: 'post',
    path: '/v1/enrolments',
    summary: 'Create a one-time activation code for a person checked in person',
    auth: 'registrar',
    body: {
      type: 'application/json',
      schema: {
        type: 'object',
        required: ['givenNames', 'surname', 'pesel'],
        properties: { givenNames: text, surname: text, pesel: { type: 'string', pattern: '^[0-9]{11}$' } },
      },
    },
    ok: {
      status: 201,
      type: 'application/json',
      schema: {
        type: 'object',
        properties: { activationCode: text, expiresAt: { type: 'string', format: 'date-time' } },
      },
      description: 'Code to hand to the resident',
    },
  },
  {
    method: 'post',
    path: '/v1/certificates',
    summary: 'Issue a certificate for a PKCS#10 request with an activation code',
    body: {
      type: 'application/json',
      schema: {
        type: 'object',
        required: ['activationCode', 'csr'],
        properties: { activationCode: text, csr: { type: 'string', description: 'PKCS#10, PEM' } },
      },
    },
    ok: {
      status: 201,
      type: 'application/json',
      schema: {
        type: 'object',
        properties: { certificate: text, serialNumber: text, notAfter: { type: 'string', format: 'date-time' } },
      },
      description: 'Certificate (PEM), valid two years',
    },
  },
  {
    method: 'post',
    path: '/v1/certificates/{serial}/revocation',
    summary: 'Revoke a certificate',
    auth: 'registrar',
    body: {
      type: 'application/json',
      schema: {
        type: 'object',
        properties: {
          reason: {
            enum: ['unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation'],
          },
        },
      },
    },
    ok: { status: 200, type: 'application/json', description: 'Revoked' },
  },
  {
    method: 'post',
    path: '/v1/submissions',
    summary: 'Submit a signed application',
    body: {
      type: 'multipart/form-data',
      schema: {
        type: 'object',
        required: ['document', 'signature'],
        properties: {
          document: { $ref: '#/components/schemas/SubmittedDocument' },
          signature: {
            type: 'string',
            contentMediaType: 'application/pkcs7-signature',
            description: 'DER CMS, detached',
          },
        },
        additionalProperties: {
          type: 'string',
          contentMediaType: 'application/octet-stream',
          description: 'One part per attachment, named as in document.attachments[].name',
        },
      },
    },
    ok: {
      status: 201,
      type: 'application/json',
      schema: receipt,
      description: 'Registered (200 with the same body for a retry)',
    },
  },
  {
    method: 'get',
    path: '/v1/receipts/{registryNumber}',
    summary: 'The signed receipt again (staff, or with ?documentSha256=)',
    ok: { status: 200, type: 'application/json', schema: receipt, description: 'Receipt' },
  },
  {
    method: 'post',
    path: '/v1/chancelleries/{id}/documents',
    summary: 'Register a scanned paper document',
    auth: 'registrar',
    body: {
      type: 'multipart/form-data',
      schema: {
        type: 'object',
        required: ['metadata'],
        properties: {
          metadata: {
            type: 'object',
            required: ['sender', 'subject', 'department'],
            properties: {
              sender: text,
              subject: text,
              department: text,
              documentDate: { type: 'string', format: 'date' },
              senderReference: text,
              notes: text,
            },
          },
        },
        additionalProperties: { type: 'string', contentMediaType: 'application/octet-stream' },
      },
    },
    ok: {
      status: 201,
      type: 'application/json',
      schema: { type: 'object', properties: { registryNumber, receivedAt: { type: 'string', format: 'date-time' } } },
      description: 'Registered',
    },
  },
  {
    method: 'get',
    path: '/v1/register',
    summary: 'Register entries in number order (?year, ?after, ?limit)',
    auth: 'registrar|admin',
    ok: { status: 200, type: 'application/json', description: 'Entries' },
  },
  {
    method: 'post',
    path: '/v1/departments/{code}/queue/lease',
    summary: 'Lease messages (visibility timeout)',
    auth: 'department:{code}',
    body: {
      type: 'application/json',
      schema: {
        type: 'object',
        properties: {
          max: { type: 'integer', minimum: 1, maximum: 100 },
          visibilitySeconds: { type: 'integer', minimum: 1, maximum: MAX_LEASE_SECONDS },
        },
      },
    },
    ok: { status: 200, type: 'application/json', description: 'Messages' },
  },
  {
    method: 'post',
    path: '/v1/departments/{code}/queue/{id}/ack',
    summary: 'Acknowledge a message',
    auth: 'department:{code}',
    body: {
      type: 'application/json',
      schema: { type: 'object', required: ['leaseId'], properties: { leaseId: text } },
    },
    ok: { status: 200, type: 'application/json', description: 'Acknowledged' },
  },
  {
    method: 'post',
    path: '/v1/departments/{code}/queue/{id}/nack',
    summary: 'Give a message back (redelivered later; dead letter after too many tries)',
    auth: 'department:{code}',
    body: {
      type: 'application/json',
      schema: {
        type: 'object',
        required: ['leaseId'],
        properties: { leaseId: text, delaySeconds: { type: 'integer', minimum: 0, maximum: MAX_LEASE_SECONDS } },
      },
    },
    ok: { status: 200, type: 'application/json', description: 'Released' },
  },
  {
    method: 'get',
    path: '/v1/departments/{code}/dead-letters',
    summary: 'Messages that used up their deliveries',
    auth: 'department:{code}',
    ok: { status: 200, type: 'application/json', description: 'Dead letters' },
  },
  {
    method: 'get',
    path: '/v1/departments/{code}/documents/{registryNumber}',
    summary: 'A document with its signature, receipt and attachment list',
    auth: 'department:{code}',
    ok: { status: 200, type: 'application/json', description: 'Document' },
  },
  {
    method: 'get',
    path: '/v1/departments/{code}/documents/{registryNumber}/attachments/{name}',
    summary: 'An attachment',
    auth: 'department:{code}',
    ok: { status: 200, type: 'application/octet-stream', description: 'File' },
  },
];

/** The OpenAPI 3.1 document: the route table above plus every procedure's JSON Schema. */
export async function buildOpenApi(procedures: ProcedureRegistry): Promise<Record<string, unknown>> {
  const schemas: Record<string, unknown> = {};
  const procedureRefs: unknown[] = [];
  for (const entry of procedures.catalogue) {
    const name = `Procedure_${entry.id.replace(/-/g, '_')}`;
    schemas[name] = await procedures.schema(entry.id, entry.version);
    procedureRefs.push({ $ref: `#/components/schemas/${name}` });
  }
  schemas['CatalogueEntry'] = {
    type: 'object',
    required: ['id', 'version', 'title', 'department'],
    properties: { id: text, version: text, title: { type: 'object' }, department: text },
  };
  schemas['SubmittedDocument'] = {
    type: 'object',
    description: 'The exact signed bytes: RFC 8785 canonical JSON',
    required: ['procedure', 'schemaVersion', 'data', 'attachments', 'submittedAt', 'nonce'],
    properties: {
      procedure: text,
      schemaVersion: text,
      data: { oneOf: procedureRefs },
      attachments: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'mediaType', 'size', 'sha256'],
          properties: {
            name: text,
            mediaType: text,
            size: { type: 'integer' },
            sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          },
        },
      },
      submittedAt: { type: 'string', format: 'date-time' },
      nonce: { type: 'string', minLength: NONCE_LENGTH.min, maxLength: NONCE_LENGTH.max },
    },
  };
  schemas['Problem'] = {
    type: 'object',
    description: 'RFC 9457 problem details; detail in the language of Accept-Language (pl, en, uk)',
    properties: {
      type: { enum: Object.keys(PROBLEMS).map((k) => problemTypeUri(k as keyof typeof PROBLEMS)) },
      title: text,
      status: { type: 'integer' },
      detail: text,
      errors: { type: 'array', items: { type: 'object', properties: { pointer: text, code: text, message: text } } },
    },
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: text,
    }));
    (paths[r.path] ??= {})[r.method] = {
      summary: r.summary,
      ...(params.length > 0 && { parameters: params }),
      ...(r.auth && { security: [{ bearer: [] }], 'x-ebok-roles': r.auth.split('|') }),
      ...(r.body && { requestBody: { required: true, content: { [r.body.type]: { schema: r.body.schema } } } }),
      responses: {
        [r.ok.status]: {
          description: r.ok.description,
          content: { [r.ok.type]: r.ok.schema ? { schema: r.ok.schema } : {} },
        },
        default: {
          description: 'A problem',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
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
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}
