/** @module The people of a department a head may give work to, as the directory knows them (read once a page). */
import type { DepartmentOfficers } from '@ebok/schemas/api';
import type { ControlOption } from '@ebok/widgets/shared';
import { api } from './api.js';

export type Officer = DepartmentOfficers['officers'][number];

/** The department's officers and heads, by name. */
export async function officersOf(department: string): Promise<Officer[]> {
  return (await api<DepartmentOfficers>(`/v1/departments/${department}/officers`)).officers;
}

/** A person as a choice: their name, with their subject where two share a name. */
export function officerOptions(officers: readonly Officer[], except?: string): ControlOption[] {
  return officers
    .filter((o) => o.subject !== except)
    .map((o) => ({
      value: o.subject,
      label: officers.filter((x) => x.name === o.name).length > 1 ? `${o.name} (${o.subject})` : o.name,
    }));
}

/** The name of the person a subject is, or the subject itself when the directory does not know them. */
export const officerName = (officers: readonly Officer[], subject: string | null): string =>
  subject === null ? '—' : (officers.find((o) => o.subject === subject)?.name ?? subject);
