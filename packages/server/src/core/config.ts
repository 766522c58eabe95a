/** @module The server's settings and limits, read from environment variables with the same names on every runtime. */
import type { TrustedIssuer } from '@ebok/forms-core/esign';
import { SIGNATURE_KINDS, type SignatureKind } from '@ebok/forms-core/runtime';
import { schemas as apiSchemas } from '@ebok/schemas/api';
import type { MailSettings } from './mail.js';
import type { RevocationConfig } from './revocation.js';
import { trustedIssuersFromJson } from './statutory.js';

/** Settings, from environment variables with the same names on every runtime. */
export interface Config {
  /** SHA-256 (hex) of a bearer token → its roles: registrar, admin, department:<code>. */
  readonly tokens: ReadonlyMap<string, readonly string[]>;
  readonly allowedOrigins: readonly string[];
  readonly maxRequestBytes: number;
  readonly maxAttachmentBytes: number;
  readonly registryFormat: string;
  readonly timeZone: string;
  readonly office: string;
  /** Department code → its name (EBOK_DEPARTMENT_NAMES, a JSON object); a department not named is shown by its code. */
  readonly departmentNames: ReadonlyMap<string, string>;
  /** The office's postal address and its address for electronic delivery, as receipts name them. */
  readonly officeAddress?: string;
  readonly officeEDeliveryAddress?: string;
  readonly maxDeliveries: number;
  readonly defaultVisibilitySeconds: number;
  /** `production` refuses to start without staff authentication and an existing CA. */
  readonly env: 'development' | 'production';
  /** Limits checked before any parsing (DESIGN: limits before any work). */
  readonly limits: Limits;
  /** How long an activation code may wait to be used. */
  readonly activationHours: number;
  /** The issuers trusted for qualified and personal signatures (EBOK_TRUSTED_ISSUERS); none by default. */
  readonly trustedIssuers: readonly TrustedIssuer[];
  /** The kinds of signature the city accepts, by procedure id or `*` (EBOK_SIGNATURES): it narrows what each schema accepts. */
  readonly signatures: SignaturePolicy;
  /** Failed activation attempts allowed per client address, and from everyone, in each window. */
  readonly activationAttempts: { readonly perAddress: number; readonly total: number; readonly windowSeconds: number };
  /**
   * Addresses of reverse proxies whose X-Forwarded-For is believed (Node): behind one, every
   * request comes from the proxy, and the client is the address it says it forwarded for.
   */
  readonly trustedProxies: readonly string[];
  /** Revocation of statutory signers' certificates (EBOK_REVOCATION, EBOK_REVOCATION_TIMEOUT_MS). */
  readonly revocation: RevocationConfig;
  /** Staff sign-in through the city's OpenID provider (EBOK_OIDC_*); none when not configured. */
  readonly oidc?: OidcSettings;
  /** How long a staff session lasts without activity, and at most (EBOK_SESSION_IDLE_MINUTES, EBOK_SESSION_HOURS). */
  readonly sessions: { readonly idleSeconds: number; readonly maxSeconds: number };
  /**
   * The origin browsers reach the server at (EBOK_PUBLIC_URL), when a proxy in front changes it:
   * the sign-in's redirect address and the same-origin check of staff requests use it.
   */
  readonly publicOrigin?: string;
  /** Residents asking after their applications (resident.ts). */
  readonly resident: ResidentSettings;
  /** E-mail to residents on the changes officers flag "inform" (mail.ts); none when EBOK_MAIL_FROM is not set. */
  readonly mail?: MailSettings;
}

/** The city's OpenID provider, as staff sign-in uses it. */
export interface OidcSettings {
  /** The issuer's URL; its discovery document is at `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  /** None for a public client (PKCE only). */
  readonly clientSecret?: string;
  /** Where the roles are in the ID token or user info: a claim's name, or a dotted path (`realm_access.roles`). */
  readonly rolesClaim: string;
  readonly scopes: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** EBOK_OIDC_*: all or nothing; the issuer on https (plain http to this machine only outside production). */
function readOidc(env: Record<string, string | undefined>, production: boolean): OidcSettings | undefined {
  const issuer = env['EBOK_OIDC_ISSUER'];
  const clientId = env['EBOK_OIDC_CLIENT_ID'];
  if (!issuer && !clientId) return undefined;
  if (!issuer || !clientId) throw new ConfigError('staff sign-in needs both EBOK_OIDC_ISSUER and EBOK_OIDC_CLIENT_ID');
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new ConfigError(`EBOK_OIDC_ISSUER must be a URL, not "${issuer}"`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname) && !production))
    throw new ConfigError(
      `EBOK_OIDC_ISSUER must use https (plain http only to this machine, in development), not "${issuer}"`,
    );
  const rolesClaim = env['EBOK_OIDC_ROLES_CLAIM'] || 'roles';
  if (!/^[A-Za-z0-9_:/-]+(\.[A-Za-z0-9_:/-]+)*$/.test(rolesClaim))
    throw new ConfigError(`EBOK_OIDC_ROLES_CLAIM must be a claim's name or a dotted path, not "${rolesClaim}"`);
  const scopes = env['EBOK_OIDC_SCOPES'] || 'openid profile';
  if (!scopes.split(' ').includes('openid')) throw new ConfigError('EBOK_OIDC_SCOPES must include openid');
  return {
    issuer,
    clientId,
    ...(env['EBOK_OIDC_CLIENT_SECRET'] && { clientSecret: env['EBOK_OIDC_CLIENT_SECRET'] }),
    rolesClaim,
    scopes,
  };
}

/** EBOK_PUBLIC_URL: the origin of the address browsers use. */
function readPublicOrigin(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin;
  } catch {
    // reported below
  }
  throw new ConfigError(`EBOK_PUBLIC_URL must be an http(s) URL, not "${raw}"`);
}

/**
 * EBOK_MAIL_FROM and EBOK_APPLICATIONS_URL: both or neither (a message must say where to look);
 * how each runtime sends (EBOK_SMTP_URL, EBOK_MAIL_RELAY_URL) its adapter reads.
 */
function readMail(env: Record<string, string | undefined>): MailSettings | undefined {
  const from = env['EBOK_MAIL_FROM']?.trim();
  const url = env['EBOK_APPLICATIONS_URL']?.trim();
  if (!from && !url) return undefined;
  if (!from || !url)
    throw new ConfigError(
      'e-mail to residents needs both EBOK_MAIL_FROM and EBOK_APPLICATIONS_URL (the page they look at)',
    );
  if (/[\r\n]/.test(from) || !/^([^<>@]*<)?[^\s@<>]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}>?$/.test(from))
    throw new ConfigError(
      `EBOK_MAIL_FROM must be an address, e.g. "Urząd Miasta <wnioski@example.gov.pl>", not "${from}"`,
    );
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:'))
    throw new ConfigError(`EBOK_APPLICATIONS_URL must be an http(s) URL, not "${url}"`);
  return {
    from,
    applicationsUrl: parsed.href,
    retrySeconds: atMost(positiveInt(env, 'EBOK_MAIL_RETRY_SECONDS', 60), 3600, 'EBOK_MAIL_RETRY_SECONDS'),
    attempts: atMost(positiveInt(env, 'EBOK_MAIL_ATTEMPTS', 8), 50, 'EBOK_MAIL_ATTEMPTS'),
  };
}

/** How residents ask after their applications: challenges, the signed question's size, attempts. */
export interface ResidentSettings {
  /** How long a challenge may wait to be signed and sent. */
  readonly challengeSeconds: number;
  /** The signed question (the document part): a challenge and a time need little. */
  readonly documentBytes: number;
  /** Challenges made and questions refused, per client address and from everyone, in each window. */
  readonly attempts: { readonly perAddress: number; readonly total: number; readonly windowSeconds: number };
}

function readRevocation(env: Record<string, string | undefined>): RevocationConfig {
  const policy = env['EBOK_REVOCATION'] || 'best-effort';
  if (policy !== 'require' && policy !== 'best-effort' && policy !== 'off') {
    throw new ConfigError(`EBOK_REVOCATION must be "require", "best-effort" or "off", not "${policy}"`);
  }
  const timeoutMs = atMost(positiveInt(env, 'EBOK_REVOCATION_TIMEOUT_MS', 3000), 30_000, 'EBOK_REVOCATION_TIMEOUT_MS');
  return { policy, timeoutMs };
}

/**
 * The client's address: the connection's, or, when that is a trusted proxy, the nearest address
 * in X-Forwarded-For that is not one (what a client writes there itself comes before it).
 */
export function clientAddressOf(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trustedProxies: readonly string[],
): string | undefined {
  if (!socketAddress || !trustedProxies.includes(socketAddress) || !forwardedFor) return socketAddress;
  const hops = forwardedFor.split(',').map((s) => s.trim());
  for (let i = hops.length - 1; i >= 0; i--) if (hops[i] && !trustedProxies.includes(hops[i]!)) return hops[i];
  return socketAddress;
}

/** A procedure's id, or `*` for all, to the kinds of signature the city accepts for it. */
export type SignaturePolicy = ReadonlyMap<string, readonly SignatureKind[]>;

export interface Limits {
  /** The signed document part of a submission. */
  readonly documentBytes: number;
  /** The signature part (DER CMS). */
  readonly signatureBytes: number;
  /** The signed-file part: a PDF signed in PAdES, or a CAdES signature over it. */
  readonly signedFileBytes: number;
  /** Any JSON body other than a submission's document (enrolments, certificates, queues …). */
  readonly jsonBodyBytes: number;
  /** Nesting of arrays and objects in any JSON the server reads, checked by a scan before parsing. */
  readonly jsonDepth: number;
  /** Certificates in a signature's CMS (the signer's own, perhaps an intermediate). */
  readonly cmsCertificates: number;
  /** How far `signingTime` and `submittedAt` may be ahead of the server's clock. */
  readonly clockSkewSeconds: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const MiB = 1024 * 1024;
/** The longest window of counted attempts: older windows are forgotten (ports.ts, PkiStore). */
const DAY_SECONDS = 86_400;
/** The longest lease a department may ask for, as the API's schemas say: a default lease is no longer. */
const MAX_LEASE_SECONDS = apiSchemas.Definitions.$defs.seconds.maximum;

function readTrustedIssuers(text: string | undefined): TrustedIssuer[] {
  if (!text?.trim()) return [];
  try {
    return trustedIssuersFromJson(text);
  } catch (e) {
    throw new ConfigError(`EBOK_TRUSTED_ISSUERS: ${(e as Error).message}`);
  }
}

const KINDS = new Set<string>(SIGNATURE_KINDS);

/**
 * EBOK_SIGNATURES: a JSON object from a procedure's id, or `*` for every procedure, to the kinds
 * of signature the city accepts for it, e.g. `{"*": ["qualified", "trusted-profile", "personal"]}`.
 * A city can only narrow what a procedure's schema (the law) accepts, never widen it.
 */
export function parseSignaturePolicy(raw: string | undefined): SignaturePolicy {
  const policy = new Map<string, readonly SignatureKind[]>();
  if (!raw?.trim()) return policy;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('EBOK_SIGNATURES must be a JSON object {"<procedure id or *>": ["qualified", …]}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ConfigError('EBOK_SIGNATURES must be a JSON object');
  for (const [id, kinds] of Object.entries(parsed)) {
    if (!Array.isArray(kinds) || kinds.length === 0 || !kinds.every((k) => typeof k === 'string' && KINDS.has(k)))
      throw new ConfigError(
        `EBOK_SIGNATURES: "${id}" must list one or more of ${SIGNATURE_KINDS.join(', ')}, not ${JSON.stringify(kinds)}`,
      );
    policy.set(id, kinds as SignatureKind[]);
  }
  return policy;
}

/** An address for electronic delivery as the register of them writes it: `AE:PL-` and five groups. */
function eDeliveryAddress(raw: string): string {
  if (!/^AE:PL-\d{5}-\d{5}-[A-Z]{5}-\d{2}$/.test(raw))
    throw new ConfigError(`EBOK_OFFICE_EDELIVERY_ADDRESS must look like AE:PL-12345-67890-ABCDE-12, not "${raw}"`);
  return raw;
}

function positiveInt(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${name} must be a positive whole number, not "${raw}"`);
  return n;
}

function atMost(n: number, max: number, name: string): number {
  if (n > max) throw new ConfigError(`${name} must be at most ${max}, not ${n}`);
  return n;
}

/** Parses EBOK_TOKENS: a JSON object from the SHA-256 hex of each token to its roles. */
export function parseTokens(raw: string | undefined): Map<string, string[]> {
  const tokens = new Map<string, string[]>();
  if (!raw) return tokens;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('EBOK_TOKENS must be a JSON object {"<sha256 hex of token>": ["role", …]}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError('EBOK_TOKENS must be a JSON object');
  }
  for (const [hash, roles] of Object.entries(parsed)) {
    if (!/^[0-9a-f]{64}$/.test(hash))
      throw new ConfigError(`EBOK_TOKENS: "${hash}" is not a lower-case SHA-256 hex digest`);
    if (
      !Array.isArray(roles) ||
      !roles.every(
        (r) => typeof r === 'string' && /^(registrar|admin|monitoring|department:[A-Z][A-Z0-9]{0,9})$/.test(r),
      )
    ) {
      throw new ConfigError(
        `EBOK_TOKENS: roles for ${hash.slice(0, 8)}… must be registrar, admin, monitoring or department:<CODE>`,
      );
    }
    tokens.set(hash, roles as string[]);
  }
  return tokens;
}

/** Parses EBOK_DEPARTMENT_NAMES: a JSON object from each department's code to its name. */
export function parseDepartmentNames(raw: string | undefined): Map<string, string> {
  const names = new Map<string, string>();
  if (!raw) return names;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('EBOK_DEPARTMENT_NAMES must be a JSON object {"<CODE>": "<name>"}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ConfigError('EBOK_DEPARTMENT_NAMES must be a JSON object');
  for (const [code, name] of Object.entries(parsed)) {
    if (!/^[A-Z][A-Z0-9]{0,9}$/.test(code) || typeof name !== 'string' || !name.trim() || name.length > 200)
      throw new ConfigError(
        `EBOK_DEPARTMENT_NAMES: "${code}" needs a department code and a name of up to 200 characters`,
      );
    names.set(code, name.trim());
  }
  return names;
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const registryFormat = env['EBOK_REGISTRY_FORMAT'] || 'RPW/{seq}/{year}';
  if (!registryFormat.includes('{seq}') || !registryFormat.includes('{year}')) {
    throw new ConfigError('EBOK_REGISTRY_FORMAT must contain {seq} and {year}');
  }
  const timeZone = env['EBOK_TIME_ZONE'] || 'Europe/Warsaw';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new ConfigError(`EBOK_TIME_ZONE "${timeZone}" is not a time zone`);
  }
  const mode = env['EBOK_ENV'] || 'development';
  if (mode !== 'development' && mode !== 'production')
    throw new ConfigError(`EBOK_ENV must be "development" or "production", not "${mode}"`);
  const tokens = parseTokens(env['EBOK_TOKENS']);
  const oidc = readOidc(env, mode === 'production');
  if (mode === 'production' && tokens.size === 0 && !oidc)
    throw new ConfigError(
      "EBOK_ENV=production needs staff authentication: set EBOK_TOKENS (a JSON map from the SHA-256 of each token to its roles) or the city's OpenID provider (EBOK_OIDC_ISSUER, EBOK_OIDC_CLIENT_ID, EBOK_OIDC_CLIENT_SECRET)",
    );
  const publicOrigin = readPublicOrigin(env['EBOK_PUBLIC_URL']);
  const mail = readMail(env);
  return {
    ...(mail && { mail }),
    env: mode,
    tokens,
    ...(oidc && { oidc }),
    ...(publicOrigin && { publicOrigin }),
    sessions: {
      idleSeconds: 60 * atMost(positiveInt(env, 'EBOK_SESSION_IDLE_MINUTES', 30), 24 * 60, 'EBOK_SESSION_IDLE_MINUTES'),
      maxSeconds: 3600 * atMost(positiveInt(env, 'EBOK_SESSION_HOURS', 10), 24 * 7, 'EBOK_SESSION_HOURS'),
    },
    allowedOrigins: (env['EBOK_ALLOWED_ORIGINS'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    maxRequestBytes: positiveInt(env, 'EBOK_MAX_REQUEST_BYTES', 10 * MiB),
    maxAttachmentBytes: positiveInt(env, 'EBOK_MAX_ATTACHMENT_BYTES', 5 * MiB),
    registryFormat,
    timeZone,
    office: env['EBOK_OFFICE'] || 'Urząd Miasta',
    departmentNames: parseDepartmentNames(env['EBOK_DEPARTMENT_NAMES']),
    ...(env['EBOK_OFFICE_ADDRESS'] && { officeAddress: env['EBOK_OFFICE_ADDRESS'] }),
    ...(env['EBOK_OFFICE_EDELIVERY_ADDRESS'] && {
      officeEDeliveryAddress: eDeliveryAddress(env['EBOK_OFFICE_EDELIVERY_ADDRESS']),
    }),
    maxDeliveries: positiveInt(env, 'EBOK_MAX_DELIVERIES', 5),
    defaultVisibilitySeconds: atMost(
      positiveInt(env, 'EBOK_VISIBILITY_SECONDS', 60),
      MAX_LEASE_SECONDS,
      'EBOK_VISIBILITY_SECONDS',
    ),
    limits: {
      documentBytes: positiveInt(env, 'EBOK_MAX_DOCUMENT_BYTES', 256 * 1024),
      signatureBytes: positiveInt(env, 'EBOK_MAX_SIGNATURE_BYTES', 64 * 1024),
      signedFileBytes: positiveInt(env, 'EBOK_MAX_SIGNED_FILE_BYTES', MiB),
      jsonBodyBytes: positiveInt(env, 'EBOK_MAX_JSON_BYTES', 64 * 1024),
      jsonDepth: positiveInt(env, 'EBOK_MAX_JSON_DEPTH', 64),
      cmsCertificates: positiveInt(env, 'EBOK_MAX_CMS_CERTIFICATES', 4),
      clockSkewSeconds: positiveInt(env, 'EBOK_MAX_CLOCK_SKEW_SECONDS', 300),
    },
    activationHours: positiveInt(env, 'EBOK_ACTIVATION_HOURS', 72),
    trustedIssuers: readTrustedIssuers(env['EBOK_TRUSTED_ISSUERS']),
    signatures: parseSignaturePolicy(env['EBOK_SIGNATURES']),
    trustedProxies: (env['EBOK_TRUSTED_PROXIES'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    revocation: readRevocation(env),
    activationAttempts: {
      perAddress: positiveInt(env, 'EBOK_ACTIVATION_ATTEMPTS_PER_ADDRESS', 10),
      total: positiveInt(env, 'EBOK_ACTIVATION_ATTEMPTS_TOTAL', 1000),
      windowSeconds: atMost(
        positiveInt(env, 'EBOK_ACTIVATION_ATTEMPT_WINDOW_SECONDS', 900),
        DAY_SECONDS,
        'EBOK_ACTIVATION_ATTEMPT_WINDOW_SECONDS',
      ),
    },
    resident: {
      challengeSeconds: atMost(
        positiveInt(env, 'EBOK_RESIDENT_CHALLENGE_SECONDS', 300),
        3600,
        'EBOK_RESIDENT_CHALLENGE_SECONDS',
      ),
      documentBytes: atMost(
        positiveInt(env, 'EBOK_MAX_RESIDENT_DOCUMENT_BYTES', 4096),
        64 * 1024,
        'EBOK_MAX_RESIDENT_DOCUMENT_BYTES',
      ),
      attempts: {
        perAddress: positiveInt(env, 'EBOK_RESIDENT_ATTEMPTS_PER_ADDRESS', 60),
        total: positiveInt(env, 'EBOK_RESIDENT_ATTEMPTS_TOTAL', 6000),
        windowSeconds: atMost(
          positiveInt(env, 'EBOK_RESIDENT_ATTEMPT_WINDOW_SECONDS', 900),
          DAY_SECONDS,
          'EBOK_RESIDENT_ATTEMPT_WINDOW_SECONDS',
        ),
      },
    },
  };
}

/** The register year of a moment, in the office's time zone. */
const yearFormats = new Map<string, Intl.DateTimeFormat>();
export function registerYear(date: Date, timeZone: string): number {
  let format = yearFormats.get(timeZone);
  if (!format) yearFormats.set(timeZone, (format = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' })));
  return Number(format.format(date));
}

export function formatRegistryNumber(format: string, year: number, seq: number, channel: string): string {
  return format
    .replace('{seq}', String(seq))
    .replace('{year}', String(year))
    .replace('{channel}', channel.replace(/^chancellery:/, ''));
}
