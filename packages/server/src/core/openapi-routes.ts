/** @module The routes of API v1 as the OpenAPI document describes them: path, roles, bodies by the API schemas in schemas/api. */
import type { schemas as apiSchemas } from '@ebok/schemas/api';

export type Schema = Record<string, unknown>;
/** The name of a schema in `schemas/api/`, which is its name among the document's components. */
type ApiSchemaName = keyof typeof apiSchemas;

export interface RouteSpec {
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly summary: string;
  readonly auth?: string;
  /** The request body; a multipart body's parts are described by a function of the procedures' schemas. */
  readonly body?: { readonly type: string; readonly schema: Schema | ((procedures: readonly Schema[]) => Schema) };
  readonly ok: {
    readonly status: number;
    readonly type: string;
    readonly schema?: Schema;
    readonly description: string;
  };
}

export const text = { type: 'string' };
/** A reference to an API schema, or to one of its `$defs`. */
export const ref = (name: ApiSchemaName, def?: string): Schema => ({
  $ref: `#/components/schemas/${name}${def ? `/$defs/${def}` : ''}`,
});
export const json = (name: ApiSchemaName): { type: string; schema: Schema } => ({
  type: 'application/json',
  schema: ref(name),
});

/** Path parameters that have a schema of their own, by name. */
export const PARAMETERS: Readonly<Record<string, Schema>> = {
  code: ref('Definitions', 'department'),
  registryNumber: ref('Definitions', 'registryNumber'),
  serial: ref('Definitions', 'serialNumber'),
  name: ref('Definitions', 'attachmentName'),
};

/**
 * The routes of API v1, described once, their bodies by the schemas of `schemas/api/` (the same
 * the handlers validate with). The server's tests check that this table and the routes the app
 * registers are the same set, and that every JSON body refers to one of those schemas.
 */
export const ROUTES: readonly RouteSpec[] = [
  {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness',
    ok: { status: 200, ...json('Health'), description: 'Ready' },
  },
  {
    method: 'get',
    path: '/metrics',
    summary: 'Metrics for monitoring, in the Prometheus text format (Node only: a Worker answers 404)',
    auth: 'monitoring|admin',
    ok: {
      status: 200,
      type: 'text/plain; version=0.0.4',
      description: 'The process, filings, answers and the database',
    },
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
    ok: { status: 200, ...json('Catalogue'), description: 'Every procedure, latest version' },
  },
  {
    method: 'get',
    path: '/v1/procedures/{id}',
    summary: "A procedure's metadata and JSON Schema",
    ok: { status: 200, ...json('ProcedureDetail'), description: 'Metadata and schema' },
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
    auth: 'desk|registrar',
    body: json('EnrolmentRequest'),
    ok: { status: 201, ...json('Enrolment'), description: 'Code to hand to the resident' },
  },
  {
    method: 'post',
    path: '/v1/certificates',
    summary: 'Issue a certificate for a PKCS#10 request with an activation code',
    body: json('CertificateRequest'),
    ok: { status: 201, ...json('IssuedCertificate'), description: 'Certificate (PEM), valid two years' },
  },
  {
    method: 'post',
    path: '/v1/certificates/{serial}/revocation',
    summary: 'Revoke a certificate',
    auth: 'desk|registrar',
    body: json('RevocationRequest'),
    ok: { status: 200, ...json('Revocation'), description: 'Revoked' },
  },
  {
    method: 'get',
    path: '/v1/people',
    summary:
      'People the city CA knows, newest enrolment first (?q: a PESEL, or the words of a name however typed; ?limit up to 50): each with their certificates and activation codes (when made, until when, when used; never the code)',
    auth: 'desk|registrar',
    ok: { status: 200, ...json('People'), description: 'The people found' },
  },
  {
    method: 'get',
    path: '/v1/certificates',
    summary:
      'Certificates in force that end within ?expiringWithinDays (default 30, at most 366), soonest first, with their holders (?limit up to 200, ?cursor: the last page’s next)',
    auth: 'desk|registrar',
    ok: { status: 200, ...json('CertificatePage'), description: 'Certificates' },
  },
  {
    method: 'post',
    path: '/v1/documents',
    summary:
      'The document a resident signs with a qualified signature, podpis zaufany or podpis osobisty: the application as a PDF in Polish, carrying its canonical JSON (the same bytes from the same envelope)',
    body: json('SubmittedDocument'),
    ok: {
      status: 200,
      type: 'application/pdf',
      description: 'The PDF; x-ebok-data-sha256 is the SHA-256 of the canonical JSON it carries',
    },
  },
  {
    method: 'post',
    path: '/v1/submissions',
    summary: 'Submit a signed application',
    body: {
      type: 'multipart/form-data',
      schema: (procedures) => ({
        type: 'object',
        required: ['document'],
        oneOf: [{ required: ['signature'] }, { required: ['signed-file'] }],
        properties: {
          document: {
            description: "The exact signed bytes (RFC 8785 JSON); its data is valid against its procedure's schema",
            allOf: [ref('SubmittedDocument'), { properties: { data: { oneOf: procedures } } }],
          },
          signature: {
            type: 'string',
            contentMediaType: 'application/pkcs7-signature',
            description: "DER CMS, detached, over the document's bytes, by the resident's city certificate",
          },
          'signed-file': {
            type: 'array',
            minItems: 1,
            maxItems: 10,
            items: {
              type: 'string',
              contentMediaType: 'application/octet-stream',
            },
            description:
              'Instead of signature: the PDF from POST /v1/documents signed in PAdES, a CAdES signature (DER) over it, detached or carrying it, or an XAdES signature over it, with a qualified certificate, podpis osobisty or podpis zaufany. One part for each person who must sign (every co-owner where the procedure asks all of them), each signing the same PDF',
          },
        },
        additionalProperties: {
          type: 'string',
          contentMediaType: 'application/octet-stream',
          description: 'One part per attachment, named as in document.attachments[].name',
        },
      }),
    },
    ok: {
      status: 201,
      ...json('SubmissionReceipt'),
      description: 'Registered (200 with the same body for a retry)',
    },
  },
  {
    method: 'get',
    path: '/v1/receipts/{registryNumber}',
    summary: 'The signed receipt again (staff, or with ?documentSha256=)',
    ok: { status: 200, ...json('SubmissionReceipt'), description: 'Receipt' },
  },
  {
    method: 'post',
    path: '/v1/resident/challenges',
    summary:
      'A challenge for a resident to sign with their city certificate, to see their applications: single use, valid minutes (made per client address and from everyone up to a limit, then 429)',
    ok: { status: 201, ...json('ResidentChallenge'), description: 'The challenge and when it expires' },
  },
  {
    method: 'post',
    path: '/v1/resident/applications',
    summary:
      "The applications the signer of a challenge signed, and where each stands (registered, forwarded, accepted, the case's status, its deadline and notices); no account: the certificate says who asks",
    body: {
      type: 'multipart/form-data',
      schema: {
        type: 'object',
        required: ['document', 'signature'],
        properties: {
          document: {
            description: 'RFC 8785 JSON, a few hundred bytes (at most EBOK_MAX_RESIDENT_DOCUMENT_BYTES, 4 KiB)',
            allOf: [ref('ResidentQuery')],
          },
          signature: {
            type: 'string',
            contentMediaType: 'application/pkcs7-signature',
            description: "DER CMS, detached, over the document's bytes, by the resident's city certificate",
          },
        },
        additionalProperties: false,
      },
    },
    ok: { status: 200, ...json('ResidentApplications'), description: 'The applications, newest first' },
  },
  {
    method: 'post',
    path: '/v1/resident/documents',
    summary:
      "One of the signer's applications again, to download: the signed document exactly as registered, its city signature or the files signed outside ebok, and the receipt (UPO). Another's number and one not in the register are both 404; either way the challenge is used up and the refusal counted",
    body: {
      type: 'multipart/form-data',
      schema: {
        type: 'object',
        required: ['document', 'signature'],
        properties: {
          document: {
            description: 'RFC 8785 JSON, a few hundred bytes (at most EBOK_MAX_RESIDENT_DOCUMENT_BYTES, 4 KiB)',
            allOf: [ref('ResidentDocumentsQuery')],
          },
          signature: {
            type: 'string',
            contentMediaType: 'application/pkcs7-signature',
            description: "DER CMS, detached, over the document's bytes, by the resident's city certificate",
          },
        },
        additionalProperties: false,
      },
    },
    ok: {
      status: 200,
      ...json('ResidentDocuments'),
      description:
        'The application and its receipt; at most what its filing could hold (EBOK_MAX_REQUEST_BYTES) re-encoded, attachments left out',
    },
  },
  {
    method: 'post',
    path: '/v1/chancelleries/{id}/documents',
    summary: 'Register a scanned paper document',
    auth: 'chancellery|registrar',
    body: {
      type: 'multipart/form-data',
      schema: {
        type: 'object',
        required: ['metadata'],
        properties: { metadata: ref('ChancelleryDocument') },
        additionalProperties: { type: 'string', contentMediaType: 'application/octet-stream' },
      },
    },
    ok: { status: 201, ...json('ChancelleryRegistration'), description: 'Registered' },
  },
  {
    method: 'get',
    path: '/v1/register',
    summary:
      'Register entries in number order (?year, ?after, ?limit; ?notFullyScanned=true: only the items not scanned whole); or searched, newest first (?q: a register number or its identifier, a PESEL, the words of a sender’s name, or a sender’s reference; ?department: the one holding the item now; ?channel, ?status, ?from, ?to (days), ?limit up to 200, ?cursor: the last page’s next). A department may search what it holds (?department=<its code>)',
    auth: 'chancellery|registrar|admin|department:{department}',
    ok: { status: 200, ...json('RegisterPage'), description: 'Entries' },
  },
  {
    method: 'post',
    path: '/v1/register/{registryNumber}/assignment',
    summary:
      'Assign an item to a department (and officer, deadline, note); it moves to that inbox; a reassignment never extends the first deadline',
    auth: 'chancellery|registrar|head:{department}',
    body: json('AssignmentRequest'),
    ok: { status: 200, ...json('DispatchHistory'), description: "The item's way so far" },
  },
  {
    method: 'post',
    path: '/v1/departments/{code}/documents/{registryNumber}/acceptance',
    summary: 'The department accepts an item it holds',
    auth: 'department:{code}|officer:{code}|head:{code}',
    ok: { status: 200, ...json('DispatchHistory'), description: "The item's way so far" },
  },
  {
    method: 'post',
    path: '/v1/departments/{code}/documents/{registryNumber}/forwarding',
    summary:
      "Forward an item that is not the department's own: it leaves this inbox and enters the other's; the date received stays the office's",
    auth: 'department:{code}|officer:{code}|head:{code}',
    body: json('ForwardingRequest'),
    ok: { status: 200, ...json('DispatchHistory'), description: "The item's way so far" },
  },
  {
    method: 'post',
    path: '/v1/cases',
    summary:
      'Open a case (znak sprawy UNIT.JRWA.N.YYYY, gapless per unit, class and year) on an item of the department',
    auth: 'department:{code}|officer:{code}|head:{code}',
    body: json('CaseRequest'),
    ok: { status: 201, ...json('Case'), description: 'Opened' },
  },
  {
    method: 'get',
    path: '/v1/cases',
    summary: "A department's cases by znak (?department, ?officer, ?status, ?due=soon|overdue, ?after, ?limit)",
    auth: 'department:{code}|officer:{code}|head:{code}|admin',
    ok: { status: 200, ...json('CasePage'), description: 'Cases' },
  },
  {
    method: 'get',
    path: '/v1/cases/export',
    summary:
      "The spis spraw of a unit, JRWA class and year as CSV (';', UTF-8 with a BOM, the header row on the first page; ?department, ?jrwa, ?year, ?after); Link rel=next names the next page",
    auth: 'department:{code}|officer:{code}|head:{code}|admin',
    ok: { status: 200, type: 'text/csv', description: 'The spis spraw, at most 200 cases a page' },
  },
  {
    method: 'get',
    path: '/v1/cases/{caseNumber}',
    summary: 'A case: its items, events and deadline; when late, the drafted art. 36 notice',
    auth: 'department:{code}|officer:{code}|head:{code}|admin',
    ok: { status: 200, ...json('Case'), description: 'The case' },
  },
  {
    method: 'post',
    path: '/v1/cases/{caseNumber}/documents',
    summary: 'Another item of the department joins the case',
    auth: 'department:{code}|officer:{code}|head:{code}',
    body: json('CaseDocumentRequest'),
    ok: { status: 201, ...json('Case'), description: 'Added' },
  },
  {
    method: 'post',
    path: '/v1/cases/{caseNumber}/officer',
    summary: 'Who leads an open case now (its prowadzący); in the audit log',
    auth: 'department:{code}|officer:{code}|head:{code}',
    body: json('CaseOfficerRequest'),
    ok: { status: 200, ...json('Case'), description: 'The case' },
  },
  {
    method: 'post',
    path: '/v1/cases/{caseNumber}/events',
    summary: 'Suspended, resumed, extended (art. 36), waiting for the resident, decided or closed',
    auth: 'department:{code}|officer:{code}|head:{code}',
    body: json('CaseEventRequest'),
    ok: { status: 201, ...json('Case'), description: 'The case after it' },
  },
  {
    method: 'get',
    path: '/v1/audit',
    summary:
      'The audit log: staff actions in number order, each chained to the one before (?after, ?limit; ?before: the records below it, newest first)',
    auth: 'admin',
    ok: { status: 200, ...json('AuditPage'), description: 'Records' },
  },
  {
    method: 'get',
    path: '/v1/audit/verification',
    summary: 'The audit chain recomputed from its first record: whole, or where it breaks',
    auth: 'admin',
    ok: { status: 200, ...json('AuditVerification'), description: 'The outcome' },
  },
  {
    method: 'post',
    path: '/v1/departments/{code}/queue/lease',
    summary: 'Lease messages (visibility timeout)',
    auth: 'department:{code}|officer:{code}|head:{code}',
    body: json('LeaseRequest'),
    ok: { status: 200, ...json('Lease'), description: 'Messages' },
  },
  {
    method: 'post',
    path: '/v1/departments/{code}/queue/{id}/ack',
    summary: 'Acknowledge a message',
    auth: 'department:{code}|officer:{code}|head:{code}',
    body: json('AckRequest'),
    ok: { status: 200, ...json('QueueOutcome'), description: 'Acknowledged' },
  },
  {
    method: 'post',
    path: '/v1/departments/{code}/queue/{id}/nack',
    summary: 'Give a message back (redelivered later; dead letter after too many tries)',
    auth: 'department:{code}|officer:{code}|head:{code}',
    body: json('NackRequest'),
    ok: { status: 200, ...json('QueueOutcome'), description: 'Released' },
  },
  {
    method: 'get',
    path: '/v1/departments/{code}/officers',
    summary: "The department's officers and heads, as they were when they last signed in",
    auth: 'head:{code}|admin',
    ok: { status: 200, ...json('DepartmentOfficers'), description: 'Officers' },
  },
  {
    method: 'get',
    path: '/v1/departments/{code}/officers/{officer}/work',
    summary: "An officer's items outside any case and unsettled cases (at most 200 of each), to reassign",
    auth: 'head:{code}|admin',
    ok: { status: 200, ...json('OfficerWork'), description: 'Their work' },
  },
  {
    method: 'get',
    path: '/v1/departments/{code}/overview',
    summary: 'Items registered per office day (?days, 1 to 92, default 30) and unsettled cases by deadline',
    auth: 'head:{code}|admin',
    ok: { status: 200, ...json('DepartmentOverview'), description: 'Overview' },
  },
  {
    method: 'get',
    path: '/v1/departments/{code}/dead-letters',
    summary: 'Messages that used up their deliveries',
    auth: 'department:{code}|officer:{code}|head:{code}',
    ok: { status: 200, ...json('DeadLetters'), description: 'Dead letters' },
  },
  {
    method: 'get',
    path: '/v1/departments/{code}/documents/{registryNumber}',
    summary: 'A document with its signature, receipt and attachment list',
    auth: 'department:{code}|officer:{code}|head:{code}',
    ok: { status: 200, ...json('DepartmentDocument'), description: 'Document' },
  },
  {
    method: 'get',
    path: '/v1/departments/{code}/documents/{registryNumber}/attachments/{name}',
    summary:
      'An attachment: a download, or with view=inline (PDF, JPEG, PNG) shown in the console under a sandbox policy',
    auth: 'department:{code}|officer:{code}|head:{code}',
    ok: { status: 200, type: 'application/octet-stream', description: 'File' },
  },
  {
    method: 'get',
    path: '/v1/departments/{code}/documents/{registryNumber}/signed-files/{index}',
    summary: 'Where several people signed (co-owners): the file one of them signed, counted from 0',
    auth: 'department:{code}|officer:{code}|head:{code}',
    ok: { status: 200, type: 'application/octet-stream', description: 'File' },
  },
  {
    method: 'get',
    path: '/v1/session',
    summary:
      'Who is asking: a person signed in at /office/sign-in (roles, CSRF token, when the session ends) or a token’s roles',
    auth: 'desk|chancellery|officer:{code}|head:{code}|admin|registrar|department:{code}',
    ok: { status: 200, ...json('StaffSession'), description: 'The session' },
  },
  {
    method: 'post',
    path: '/v1/session/sign-out',
    summary: 'End the session (with its CSRF token); the provider’s own sign-out address when it has one',
    auth: 'desk|chancellery|officer:{code}|head:{code}|admin',
    ok: { status: 200, ...json('SignOut'), description: 'Signed out' },
  },
];

/** The name of each API schema by its `$id`. */
