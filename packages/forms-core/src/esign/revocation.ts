/** @module Revocation of a signer's certificate from the OCSP responders or CRLs it names: bounded in time and size, cached, on Web Crypto and fetch (Node and workerd alike). */
import { equalBytes, toArrayBuffer, toHex } from '../pki/encoding.js';
import { x509 } from '../pki/x509.js';
import {
  certId,
  type CrlReason,
  type IndexedCrl,
  issuedBy,
  ocspRequest,
  readCrl,
  readOcspResponse,
  RevocationDataError,
  revocationSources,
  serialOf,
} from './revocation-parse.js';

export { CRL_REASONS, type CrlReason, revocationSources } from './revocation-parse.js';

/** Why a certificate's status could not be learnt. */
export type UnavailableWhy =
  | 'no-source'
  | 'issuer-unknown'
  | 'timeout'
  | 'network'
  | 'http-status'
  | 'too-large'
  | 'malformed'
  | 'bad-signature'
  | 'responder-error'
  | 'mismatch'
  | 'stale'
  | 'unknown-status';

export type RevocationStatus =
  | {
      readonly status: 'good';
      readonly source: 'ocsp' | 'crl';
      readonly url: string;
      readonly thisUpdate: Date;
      readonly nextUpdate: Date | undefined;
    }
  | {
      readonly status: 'revoked';
      readonly source: 'ocsp' | 'crl';
      readonly url: string;
      readonly revokedAt: Date;
      readonly reason: CrlReason;
    }
  | {
      readonly status: 'unavailable';
      readonly why: UnavailableWhy;
      /** What went wrong at each source tried, in order. */
      readonly detail: string;
    };

export interface RevocationOptions {
  /** Per request, connecting and reading the body together. Default 3 s. */
  readonly timeoutMs?: number;
  /** For one check, over all the sources tried. Default twice `timeoutMs`. */
  readonly totalTimeoutMs?: number;
  /** A responder that could not be reached is not asked again for this long. Default 30 s. */
  readonly downForMs?: number;
  /** An OCSP response for one certificate is a few kilobytes; default 64 KiB. */
  readonly maxOcspBytes?: number;
  /** Default 10 MiB: some 200,000 entries (about 47 bytes each with a reason); OCSP is asked first anyway. */
  readonly maxCrlBytes?: number;
  /** The longest an answer is kept, even when its nextUpdate is later. Default 1 h. */
  readonly maxCacheAgeMs?: number;
  /** An OCSP response without nextUpdate is believed this long after its thisUpdate. Default 5 min. */
  readonly maxOcspAgeMs?: number;
  /** Tolerance for the responders' clocks. Default 5 min. */
  readonly clockSkewMs?: number;
  /** The hash of the OCSP CertID: SHA-1, which every responder knows (RFC 5019), or SHA-256. */
  readonly ocspHash?: 'SHA-1' | 'SHA-256';
  /** CRL entries indexed between two yields to the event loop. Default 5,000 (about 5 ms of work). */
  readonly crlSlice?: number;
}

export class RevocationFetchError extends Error {
  constructor(
    readonly why: 'timeout' | 'network' | 'http-status' | 'too-large',
    message: string,
  ) {
    super(message);
    this.name = 'RevocationFetchError';
  }
}

/**
 * Fetches `url` (POSTing `body` when given), reading at most `maxBytes` as the response
 * streams in, all within `timeoutMs`: a slow or endless responder costs no more than that.
 */
export async function boundedFetch(
  url: string,
  init: { body?: Uint8Array; contentType?: string; accept: string },
  maxBytes: number,
  timeoutMs: number,
): Promise<Uint8Array> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const response = await fetch(url, {
      method: init.body ? 'POST' : 'GET',
      headers: { accept: init.accept, ...(init.contentType && { 'content-type': init.contentType }) },
      ...(init.body && { body: toArrayBuffer(init.body) }),
      signal: controller.signal,
      redirect: 'manual',
    });
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => {});
      throw new RevocationFetchError('http-status', `${url} answered HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > maxBytes) {
      await response.body.cancel().catch(() => {});
      throw new RevocationFetchError('too-large', `${url} sends ${declared} bytes, more than ${maxBytes}`);
    }
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new RevocationFetchError('too-large', `${url} sent more than ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
    const out = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  } catch (e) {
    if (e instanceof RevocationFetchError) throw e;
    if (timedOut) throw new RevocationFetchError('timeout', `${url} did not answer within ${timeoutMs} ms`);
    throw new RevocationFetchError('network', `${url}: ${(e as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

interface Cached<T> {
  readonly value: T;
  readonly until: number;
}

/** At most this many answers are kept of each kind; the oldest goes first. */
const MAX_CACHED = 10_000;
const MAX_CACHED_CRLS = 32;

/**
 * Checks a certificate's revocation, OCSP first, then the CRLs, as the certificate names them.
 * One per process (or Worker isolate): answers are cached, OCSP by issuer key and serial until
 * the response's nextUpdate (at most `maxCacheAgeMs`), CRLs by URL and issuer until theirs,
 * indexed once; a CRL being fetched is fetched once for all who wait for it. Never throws for
 * what a responder does: that is `unavailable`, with why.
 */
export class RevocationChecker {
  readonly timeoutMs: number;
  private readonly options: Required<RevocationOptions>;
  private readonly ocspCache = new Map<string, Cached<RevocationStatus>>();
  /** Responders that did not answer, until when they are not asked (an outage costs one timeout, not one per filing). */
  private readonly down = new Map<string, { until: number; failure: RevocationFetchError }>();
  private readonly crlCache = new Map<string, Cached<IndexedCrl> | { pending: Promise<IndexedCrl> }>();

  constructor(options: RevocationOptions = {}) {
    this.options = {
      timeoutMs: 3000,
      maxOcspBytes: 64 * 1024,
      maxCrlBytes: 10 * 1024 * 1024,
      maxCacheAgeMs: 3600_000,
      maxOcspAgeMs: 300_000,
      clockSkewMs: 300_000,
      crlSlice: 5_000,
      totalTimeoutMs: 2 * (options.timeoutMs ?? 3000),
      downForMs: 30_000,
      ocspHash: 'SHA-1',
      ...options,
    };
    this.timeoutMs = this.options.timeoutMs;
  }

  /**
   * The status of `cert` at `now`. Its issuer is found among `candidates` (the certificates the
   * signature carries and the operator's trusted issuers) by name and signature.
   */
  async check(
    cert: x509.X509Certificate,
    candidates: readonly x509.X509Certificate[],
    now: Date = new Date(),
  ): Promise<RevocationStatus> {
    let sources: { ocsp: string[]; crl: string[] };
    try {
      sources = revocationSources(cert);
    } catch (e) {
      return {
        status: 'unavailable',
        why: 'malformed',
        detail: `the certificate's AIA or CRL distribution points cannot be read (${(e as Error).message})`,
      };
    }
    if (sources.ocsp.length + sources.crl.length === 0) {
      return { status: 'unavailable', why: 'no-source', detail: 'the certificate names no http OCSP responder or CRL' };
    }
    let issuer: x509.X509Certificate | undefined;
    for (const c of candidates) {
      if (!equalBytes(new Uint8Array(c.rawData), new Uint8Array(cert.rawData)) && (await issuedBy(cert, c))) {
        issuer = c;
        break;
      }
    }
    if (!issuer) {
      return { status: 'unavailable', why: 'issuer-unknown', detail: "the issuer's certificate is not known" };
    }
    const failures: Array<{ why: UnavailableWhy; message: string }> = [];
    const deadline = Date.now() + this.options.totalTimeoutMs;
    const steps = [
      ...sources.ocsp.map((url) => () => this.ocsp(url, cert, issuer, now, deadline)),
      ...sources.crl.map((url) => () => this.crl(url, cert, issuer, now, deadline)),
    ];
    for (const step of steps) {
      const result = await this.attempt(step, failures);
      if (result) return result;
    }
    return {
      status: 'unavailable',
      why: failures[failures.length - 1]!.why,
      detail: failures.map((f) => f.message).join('; '),
    };
  }

  private async attempt(
    step: () => Promise<RevocationStatus>,
    failures: Array<{ why: UnavailableWhy; message: string }>,
  ): Promise<RevocationStatus | undefined> {
    try {
      const result = await step();
      if (result.status !== 'unavailable') return result;
      failures.push({ why: result.why, message: result.detail });
    } catch (e) {
      if (e instanceof RevocationFetchError || e instanceof RevocationDataError) {
        failures.push({ why: e.why, message: e.message });
      } else {
        failures.push({ why: 'malformed', message: (e as Error).message });
      }
    }
    return undefined;
  }

  /** A bounded fetch within the check's deadline, skipping a responder known to be down. */
  private async fetch(
    url: string,
    init: Parameters<typeof boundedFetch>[1],
    maxBytes: number,
    deadline: number,
  ): Promise<Uint8Array> {
    const known = this.down.get(url);
    if (known && known.until > Date.now()) throw known.failure;
    const left = deadline - Date.now();
    if (left <= 0) throw new RevocationFetchError('timeout', `${url} not asked: the check ran out of time`);
    try {
      return await boundedFetch(url, init, maxBytes, Math.min(this.options.timeoutMs, left));
    } catch (e) {
      if (e instanceof RevocationFetchError && (e.why === 'network' || e.why === 'timeout')) {
        remember(this.down, url, { until: Date.now() + this.options.downForMs, failure: e }, MAX_CACHED_CRLS);
      }
      throw e;
    }
  }

  private fresh(thisUpdate: Date, nextUpdate: Date | undefined, now: Date, noNextUpdateAge: number): number {
    const skew = this.options.clockSkewMs;
    if (thisUpdate.getTime() > now.getTime() + skew) {
      throw new RevocationDataError('mismatch', `the answer is dated ${thisUpdate.toISOString()}, in the future`);
    }
    const expires = nextUpdate ? nextUpdate.getTime() : thisUpdate.getTime() + noNextUpdateAge;
    if (expires + skew < now.getTime()) {
      throw new StaleError(`the answer expired at ${new Date(expires).toISOString()}`);
    }
    return Math.min(expires, now.getTime() + this.options.maxCacheAgeMs);
  }

  private async ocsp(
    url: string,
    cert: x509.X509Certificate,
    issuer: x509.X509Certificate,
    now: Date,
    deadline: number,
  ): Promise<RevocationStatus> {
    const id = await certId(cert, issuer, this.options.ocspHash);
    const key = `${toHex(new Uint8Array(id.issuerKeyHash.buffer))}:${toHex(serialOf(cert))}`;
    const hit = this.ocspCache.get(key);
    if (hit && hit.until > now.getTime()) return hit.value;
    const nonce = crypto.getRandomValues(new Uint8Array(16));
    const body = await this.fetch(
      url,
      { body: ocspRequest(id, nonce), contentType: 'application/ocsp-request', accept: 'application/ocsp-response' },
      this.options.maxOcspBytes,
      deadline,
    );
    const parsed = await readOcspResponse(body, id, issuer, nonce, now);
    if (parsed.status === 'unknown') {
      return { status: 'unavailable', why: 'unknown-status', detail: `${url} does not know the certificate` };
    }
    const until = this.freshOrStale(parsed.thisUpdate, parsed.nextUpdate, now, this.options.maxOcspAgeMs);
    if (typeof until !== 'number') return until;
    const value: RevocationStatus =
      parsed.status === 'revoked'
        ? { status: 'revoked', source: 'ocsp', url, revokedAt: parsed.revokedAt!, reason: parsed.reason! }
        : { status: 'good', source: 'ocsp', url, thisUpdate: parsed.thisUpdate, nextUpdate: parsed.nextUpdate };
    remember(this.ocspCache, key, { value, until }, MAX_CACHED);
    return value;
  }

  private freshOrStale(
    thisUpdate: Date,
    nextUpdate: Date | undefined,
    now: Date,
    noNextUpdateAge: number,
  ): number | RevocationStatus {
    try {
      return this.fresh(thisUpdate, nextUpdate, now, noNextUpdateAge);
    } catch (e) {
      if (e instanceof StaleError) return { status: 'unavailable', why: 'stale', detail: e.message };
      throw e;
    }
  }

  private async crl(
    url: string,
    cert: x509.X509Certificate,
    issuer: x509.X509Certificate,
    now: Date,
    deadline: number,
  ): Promise<RevocationStatus> {
    const key = `${url} ${issuer.serialNumber} ${issuer.subject}`;
    let entry = this.crlCache.get(key);
    if (entry && 'until' in entry && entry.until <= now.getTime()) entry = undefined;
    let crl: IndexedCrl;
    if (entry && 'value' in entry) {
      crl = entry.value;
    } else {
      const pending =
        entry?.pending ??
        this.fetch(url, { accept: 'application/pkix-crl' }, this.options.maxCrlBytes, deadline).then((bytes) =>
          readCrl(bytes, issuer, this.options.crlSlice),
        );
      if (!entry) this.crlCache.set(key, { pending });
      try {
        crl = await pending;
      } catch (e) {
        this.crlCache.delete(key);
        throw e;
      }
      // A CRL is believed without nextUpdate no longer than an hour after it was made.
      const until = this.freshOrStale(crl.thisUpdate, crl.nextUpdate, now, 3600_000);
      if (typeof until !== 'number') {
        this.crlCache.delete(key);
        return until;
      }
      this.crlCache.delete(key);
      remember(this.crlCache, key, { value: crl, until }, MAX_CACHED_CRLS);
    }
    const listed = crl.lookup(serialOf(cert));
    if (listed && listed.reason !== 'removeFromCRL') {
      return { status: 'revoked', source: 'crl', url, revokedAt: listed.revokedAt, reason: listed.reason };
    }
    return { status: 'good', source: 'crl', url, thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate };
  }
}

class StaleError extends Error {}

function remember<T>(map: Map<string, T>, key: string, value: T, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value!);
}
