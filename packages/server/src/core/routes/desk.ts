/** @module The desk's lookups: a person by PESEL or name with their certificates and codes, and the certificates that end soon. */
import { Hono, type Context } from 'hono';
import type { CertificatePage, CertificateStatus, People } from '@ebok/schemas/api';
import { isPesel, parseSemanticsIdentifier } from '@ebok/forms-core/formats';
import { allow } from '../auth.js';
import { queryInt, type AppEnv, type RouteContext } from '../http.js';
import type { CertificateStatus as CertificateRecord, PeopleQuery } from '../ports.js';
import { Problem } from '../problems.js';
import { json } from '../respond.js';
import { personKeys } from '../search-keys.js';

/** The longest a question may be: a PESEL, or a few words of a name. */
const MAX_Q = 100;
/** The most days ahead the list of certificates that end soon may look (a certificate lasts two years). */
const MAX_DAYS = 366;
const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)_([0-9a-f]{1,40})$/;

/** The person a semantics identifier names, with their names. */
function holder(identifier: string, givenNames: string, surname: string): NonNullable<CertificateStatus['holder']> {
  const id = parseSemanticsIdentifier(identifier);
  return {
    identifier,
    givenNames,
    surname,
    ...(id && ('pesel' in id ? { pesel: id.pesel } : { identityDocument: id.identityDocument })),
  };
}

/** A certificate as the desk is shown it. */
function certificateBody(c: CertificateRecord): CertificateStatus {
  return {
    serialNumber: c.serial,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    issuedAt: c.issuedAt,
    revoked: c.revokedAt !== null,
    ...(c.revokedAt !== null && { revokedAt: c.revokedAt }),
    ...(c.revocationReason !== null && c.revokedAt !== null && { reason: c.revocationReason as 'unspecified' }),
  };
}

/** Whom `q` asks for: eleven digits are a PESEL (its checksum checked); anything else, the words of a name. */
function peopleQuery(c: Context<AppEnv>): PeopleQuery {
  const limit = queryInt(c, 'limit', 20, 1, 50);
  const q = (c.req.query('q') ?? '').trim();
  if (!q) throw new Problem('bad-request', '"q" is a PESEL or the words of a name');
  if (q.length > MAX_Q) throw new Problem('bad-request', `"q" is at most ${MAX_Q} characters`);
  if (/^\d+$/.test(q)) {
    if (!isPesel(q)) throw new Problem('bad-request', '"q" is not a valid PESEL: eleven digits with a checksum');
    return { identifier: `PNOPL-${q}`, limit };
  }
  const keys = personKeys({ givenNames: '', surname: q });
  if (keys.length === 0)
    throw new Problem('bad-request', '"q" is a PESEL or the words of a name, each of two letters or more');
  return { keys, limit };
}

/** What the desk looks up: people with their certificates and codes, certificates that end soon. */
export function deskRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { storage, clock } = ctx.deps;

  app.get('/v1/people', allow('desk'), async (c) => {
    const found = await storage.pki.findPeople(peopleQuery(c));
    if (found === 'too-many')
      throw new Problem('bad-request', '"q" finds too many people to list: add a given name, or look for the PESEL');
    return json(c, {
      people: found.map((p) => ({
        person: holder(p.identifier, p.givenNames, p.surname),
        certificates: p.certificates.map(certificateBody),
        activations: p.activations.map((a) => ({ createdAt: a.createdAt, expiresAt: a.expiresAt, usedAt: a.usedAt })),
      })),
    } satisfies People);
  });

  app.get('/v1/certificates', allow('desk'), async (c) => {
    const days = queryInt(c, 'expiringWithinDays', 30, 1, MAX_DAYS);
    const limit = queryInt(c, 'limit', 50, 1, 200);
    const cursor = c.req.query('cursor');
    const at = cursor === undefined ? undefined : CURSOR.exec(cursor);
    if (at === null) throw new Problem('bad-request', '"cursor" is the "next" of the page before');
    const now = clock.now();
    const found = await storage.pki.expiringCertificates({
      from: now.toISOString(),
      until: new Date(now.getTime() + days * 86_400_000).toISOString(),
      ...(at && { after: { notAfter: at[1]!, serial: at[2]! } }),
      limit,
    });
    const last = found.at(-1);
    return json(c, {
      certificates: found.map((f) => ({
        ...certificateBody(f),
        holder: holder(f.identifier, f.givenNames ?? '', f.surname ?? ''),
      })),
      ...(found.length === limit && last && { next: `${last.notAfter}_${last.serial}` }),
    } satisfies CertificatePage);
  });
  return app;
}
