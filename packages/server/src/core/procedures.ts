/** @module The procedures the server accepts: catalogue, schemas and validators, loaded once. */
import type { FormModel, ProcedureSummary, ProcedureValidator, StepModel } from '@ebok/forms-core/runtime';

export type CatalogueEntry = ProcedureSummary & { readonly steps: ReadonlyArray<Pick<StepModel, 'id' | 'title'>> };

/** The compiled procedures the server accepts: every version still in use. */
export interface ProcedureRegistry {
  readonly catalogue: readonly CatalogueEntry[];
  find(id: string, version?: string): CatalogueEntry | undefined;
  validator(id: string, version: string): Promise<ProcedureValidator | undefined>;
  schema(id: string, version: string): Promise<unknown>;
  /** The form model (texts in pl, en, uk): what the document a resident signs is made from. */
  formModel(id: string, version: string): Promise<FormModel | undefined>;
}

interface CompiledModule {
  readonly catalogue: readonly CatalogueEntry[];
  readonly validators: Readonly<Record<string, () => Promise<{ default: ProcedureValidator }>>>;
  readonly schemas: Readonly<Record<string, () => Promise<{ default: unknown }>>>;
  readonly formModels: Readonly<Record<string, () => Promise<{ default: FormModel }>>>;
}

const semverDesc = (a: string, b: string): number => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pb[i] ?? 0) - (pa[i] ?? 0);
  return 0;
};

/** A registry over the compiler's output (`@ebok/schemas`), loading each validator once. */
export function procedureRegistry(compiled: CompiledModule): ProcedureRegistry {
  const loaded = new Map<string, Promise<ProcedureValidator | undefined>>();
  const byKey = new Map(compiled.catalogue.map((e) => [`${e.id}@${e.version}`, e]));
  const latest = new Map<string, CatalogueEntry>();
  for (const e of [...compiled.catalogue].sort((a, b) => semverDesc(a.version, b.version))) {
    if (!latest.has(e.id)) latest.set(e.id, e);
  }
  return {
    catalogue: [...latest.values()],
    find: (id, version) => (version === undefined ? latest.get(id) : byKey.get(`${id}@${version}`)),
    validator(id, version) {
      const key = `${id}@${version}`;
      let v = loaded.get(key);
      if (!v) {
        const load = compiled.validators[key];
        v = load ? load().then((m) => m.default) : Promise.resolve(undefined);
        loaded.set(key, v);
      }
      return v;
    },
    async schema(id, version) {
      const load = compiled.schemas[`${id}@${version}`];
      return load ? (await load()).default : undefined;
    },
    async formModel(id, version) {
      const load = compiled.formModels[`${id}@${version}`];
      return load ? (await load()).default : undefined;
    },
  };
}
