import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

export interface WidgetFile {
  readonly body: Uint8Array;
  /** The same, compressed at build time (`.br`, `.gz` beside the file), when there. */
  readonly br?: Uint8Array;
  readonly gzip?: Uint8Array;
  readonly type: string;
  /** Chunk names carry a content hash: they never change, so browsers may keep them for good. */
  readonly immutable: boolean;
}

/**
 * The widget bundles (or the console's, under `prefix`), read into memory once: a form's dozen chunks are requested at the same
 * moment, and answering each from memory (no stat, no stream) keeps the page from waiting on the
 * single JavaScript thread. The bundles are built before the server starts (`npm start` does).
 */
export function loadWidgetFiles(dir: string, prefix = '/widgets/'): Map<string, WidgetFile> {
  const files = new Map<string, WidgetFile>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const rel = relative(dir, path).split(sep).join('/');
    const type = TYPES[extname(entry.name)];
    if (!type || rel.startsWith('types/')) continue;
    const beside = (suffix: string) => (existsSync(path + suffix) ? readFileSync(path + suffix) : undefined);
    const [br, gzip] = [beside('.br'), beside('.gz')];
    files.set(`${prefix}${rel}`, {
      body: readFileSync(path),
      ...(br && { br }),
      ...(gzip && { gzip }),
      type,
      immutable: rel.startsWith('chunks/'),
    });
  }
  return files;
}

/** The best encoding of `file` that `acceptEncoding` allows: brotli, then gzip, else none. */
export function encodingFor(
  file: WidgetFile,
  acceptEncoding: string | undefined,
): { encoding: 'br' | 'gzip'; body: Uint8Array } | undefined {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) =>
        part
          .trim()
          .toLowerCase()
          .split(/\s*;\s*/),
      )
      .filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q))
      .map(([name]) => name),
  );
  if (file.br && (accepted.has('br') || accepted.has('*'))) return { encoding: 'br', body: file.br };
  if (file.gzip && accepted.has('gzip')) return { encoding: 'gzip', body: file.gzip };
  return undefined;
}
