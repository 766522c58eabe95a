// A target whose qualified CA is trusted through an EU trusted list: the statutory contract's
// qualified issuers, given as JSON, are listed as CA/QC services in a list the test scheme
// operator signs (xmlsec1, as in forms-core's tests), and the server is started with
// EBOK_TRUSTED_LISTS_FILES; the JSON keeps the e-ID card's CA and the trusted-profile service.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StatutoryPki } from '../../forms-core/test/shared/statutory-pki.js';
import { TestTrustedLists } from '../../forms-core/test/shared/trusted-list.js';
import type { TargetFactory } from './contract/target.js';

interface IssuerJson {
  kind: string;
  name: string;
  certificate: string;
}

let shared: Promise<TestTrustedLists> | undefined;
/** The test scheme operator (tlso.pem, and rogue-tlso.pem that is no operator's), in a PKI folder of its own. */
export const testTrustedLists = (): Promise<TestTrustedLists> =>
  (shared ??= StatutoryPki.create().then((pki) => TestTrustedLists.create(pki)));

export function withTrustedList(start: TargetFactory): TargetFactory {
  return async (env = {}) => {
    const lists = await testTrustedLists();
    const issuers = JSON.parse(env['EBOK_TRUSTED_ISSUERS'] ?? '[]') as IssuerJson[];
    const qualified = issuers.filter((i) => i.kind === 'qualified');
    if (qualified.length === 0) throw new Error('no qualified issuer to list');
    const file = `list-${crypto.randomUUID()}`;
    for (const [n, q] of qualified.entries()) await writeFile(join(lists.pki.dir, `${file}-${n}.pem`), q.certificate);
    await lists.signed(
      { services: qualified.map((q, n) => ({ name: q.name, certificate: `${file}-${n}` })) },
      `${file}.xml`,
    );
    return start({
      ...env,
      EBOK_TRUSTED_ISSUERS: JSON.stringify(issuers.filter((i) => i.kind !== 'qualified')),
      EBOK_TRUSTED_LISTS_FILES: join(lists.pki.dir, `${file}.xml`),
      EBOK_TRUSTED_LIST_OPERATORS_FILE: join(lists.pki.dir, 'tlso.pem'),
    });
  };
}
