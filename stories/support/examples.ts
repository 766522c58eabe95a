/** One valid example document of a procedure, from `schemas/examples/<id>/valid-*.json`. */
export interface ValidExample {
  readonly data: Record<string, unknown>;
  readonly attachments?: ReadonlyArray<{ name: string; mediaType: string; size: number }>;
}

const files = import.meta.glob<ValidExample>('../../schemas/examples/*/valid-*.json', {
  eager: true,
  import: 'default',
});

/** The first valid example of a procedure (in file-name order, as the widgets' journey test takes it). */
export function validExample(id: string, name?: string): ValidExample {
  const path = Object.keys(files)
    .filter((p) => p.includes(`/examples/${id}/`) && (!name || p.endsWith(`/${name}`)))
    .sort()[0];
  if (!path) throw new Error(`no valid example for ${id} in schemas/examples`);
  return files[path]!;
}

/** A file of a given media type and its SHA-256, as the file control hands it to the journey. */
export async function sampleFile(name: string, type: string, size = 2048): Promise<{ file: File; sha256: string }> {
  const bytes = new Uint8Array(size).map((_, i) => (i * 31 + name.length) & 0xff);
  const file = new File([bytes], name, { type });
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return { file, sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join('') };
}
