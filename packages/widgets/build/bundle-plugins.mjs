// Rollup plugins the browser bundles share (the widgets' and the office console's).
import { brotliCompressSync, constants as zlib, gunzipSync } from 'node:zlib';
import zopfli from '@gfx/zopfli';

/** Every node of an ESTree AST, depth first. */
function* nodesOf(node) {
  if (Array.isArray(node)) {
    for (const item of node) yield* nodesOf(item);
  } else if (node && typeof node.type === 'string') {
    yield node;
    for (const value of Object.values(node)) if (value && typeof value === 'object') yield* nodesOf(value);
  }
}

/** CSS text with its comments gone and no whitespace runs; quoted strings stay as they are. */
const compactCss = (text) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(/('[^'\n]*'|"[^"\n]*")/)
    .map((part, i) =>
      i % 2
        ? part
        : part
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,>]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}'),
    )
    .join('');

/**
 * Lit's `css` and `html` templates keep the source's indentation (minifiers leave template
 * strings alone): each run of whitespace becomes one space, as a browser reads it anyway, and CSS
 * loses it around punctuation too. Our templates have no `<pre>`, no text in `<textarea>` and no
 * interpolation inside CSS words.
 */
export function compactTemplates(include) {
  return {
    name: 'ebok-compact-templates',
    transform(code, id) {
      if (!include.test(id) || !/\b(css|html)`/.test(code)) return null;
      const edits = [];
      for (const node of nodesOf(this.parse(code))) {
        if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') continue;
        const compact = { css: compactCss, html: (text) => text.replace(/\s+/g, ' ') }[node.tag.name];
        if (!compact) continue;
        for (const quasi of node.quasi.quasis) {
          if (code.slice(quasi.start, quasi.end) !== quasi.value.raw) this.error(`unexpected template in ${id}`);
          edits.push([quasi.start, quasi.end, compact(quasi.value.raw)]);
        }
      }
      let out = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0]))
        out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}

/**
 * Each script also as `.gz` and `.br` beside it, compressed once at build time at the highest
 * settings: the intake server (or any static server that looks for them) sends those to browsers
 * that accept them, instead of compressing on every request or not at all. The gzip files come
 * from zopfli, which writes ordinary gzip streams that are about 4 % smaller than zlib's level 9,
 * at a cost paid once per build, not per request.
 */
export function precompressed() {
  return {
    name: 'ebok-precompressed',
    async generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
      const gzipped = await Promise.all(
        chunks.map((file) =>
          zopfli.gzipAsync(Buffer.from(file.code), {
            // Fewer iterations for the large chunks that are not on a form's way (PKCS#12 backups).
            numiterations: file.code.length > 200_000 ? 5 : 15,
          }),
        ),
      );
      chunks.forEach((file, i) => {
        const gz = gzipped[i];
        // A stream that does not inflate back to the script would break every browser that takes gzip.
        if (!gunzipSync(gz).equals(Buffer.from(file.code))) this.error(`zopfli broke ${file.fileName}`);
        this.emitFile({ type: 'asset', fileName: `${file.fileName}.gz`, source: gz });
        this.emitFile({
          type: 'asset',
          fileName: `${file.fileName}.br`,
          source: brotliCompressSync(file.code, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
        });
      });
    },
  };
}
