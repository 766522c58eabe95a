/** @module The catalogue of procedures as the console reads it: once per page, and the departments it names. */
import type { Catalogue } from '@ebok/schemas/api';
import { api } from './api.js';

/** The catalogue of procedures (read once per page). */
let catalogueRequest: Promise<Catalogue> | undefined;
export function catalogue(): Promise<Catalogue> {
  catalogueRequest ??= api<Catalogue>('/v1/procedures').catch((e: unknown) => {
    catalogueRequest = undefined;
    throw e;
  });
  return catalogueRequest;
}

/** The departments of the catalogue of procedures. */
export function departmentsFromCatalogue(): Promise<string[]> {
  return catalogue().then((c) => [...new Set(c.map((p) => p.department))].sort());
}
