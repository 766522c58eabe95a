/** @module Which signatures each procedure accepts: its schema's kinds, narrowed by the city's configuration (EBOK_SIGNATURES). */
import { acceptedSignatures, type SignatureKind } from '@ebok/forms-core/runtime';
import { ConfigError, type SignaturePolicy } from './config.js';
import type { CatalogueEntry, ProcedureRegistry } from './procedures.js';

/** The kinds an entry accepts under the policy; throws when the policy would widen it or leave none. */
function narrowed(entry: CatalogueEntry, policy: SignaturePolicy): readonly SignatureKind[] {
  const law = acceptedSignatures(entry);
  const city = policy.get(entry.id) ?? policy.get('*');
  if (!city) return law;
  const own = policy.has(entry.id);
  if (own) {
    const beyond = city.filter((k) => !law.includes(k));
    if (beyond.length > 0)
      throw new ConfigError(
        `EBOK_SIGNATURES: ${entry.id} accepts ${law.join(', ')} (its schema); a city cannot add ${beyond.join(', ')}`,
      );
  }
  const kinds = law.filter((k) => city.includes(k));
  if (kinds.length === 0)
    throw new ConfigError(
      `EBOK_SIGNATURES leaves ${entry.id} no way to be signed: its schema accepts ${law.join(', ')}`,
    );
  return kinds;
}

/**
 * The registry as the city's policy has it: each entry's `signatures` is what it accepts here,
 * in the catalogue and at intake alike. Throws a ConfigError for a policy naming an unknown
 * procedure, widening one, or leaving one none: a server does not start on such a policy.
 */
export function withAcceptedSignatures(registry: ProcedureRegistry, policy: SignaturePolicy): ProcedureRegistry {
  for (const id of policy.keys()) {
    if (id !== '*' && !registry.find(id)) throw new ConfigError(`EBOK_SIGNATURES: no procedure "${id}"`);
  }
  const entries = new Map<CatalogueEntry, CatalogueEntry>();
  const effective = (entry: CatalogueEntry | undefined): CatalogueEntry | undefined => {
    if (!entry) return undefined;
    let e = entries.get(entry);
    if (!e) entries.set(entry, (e = { ...entry, signatures: narrowed(entry, policy) }));
    return e;
  };
  const catalogue = registry.catalogue.map((e) => effective(e)!);
  return {
    ...registry,
    catalogue,
    find: (id, version) => effective(registry.find(id, version)),
  };
}
