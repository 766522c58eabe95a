// The browser bundles in dist/: the loader (ebok.js), one chunk per procedure, shared chunks and
// the signing chunk, all ES modules with relative imports, so they work from any origin or path.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { compactValidators } from './build/compact-validators.mjs';
import { shortMessageIds } from './build/short-message-ids.mjs';
import { compactTemplates, precompressed } from './build/bundle-plugins.mjs';

// The loader and the procedure map it shares with <ebok-form>: where the entry's dynamic imports are.
const LOADER_MODULES = new Set([
  fileURLToPath(new URL('src/index.ts', import.meta.url)),
  fileURLToPath(new URL('src/generated/elements/index.ts', import.meta.url)),
]);
const DEPS_MARKER = '__EBOK_PRELOAD_DEPS__';

/**
 * The loader's dynamic imports also start fetching every chunk the imported one needs
 * (`<link rel="modulepreload">`), so a form's code arrives in one round of requests instead of
 * a waterfall of imports discovered one level at a time.
 */
function preloadDependencies() {
  return {
    name: 'ebok-preload-dependencies',
    renderDynamicImport({ moduleId }) {
      if (!LOADER_MODULES.has(moduleId)) return null;
      return { left: 'globalThis.__ebokPreload(()=>import(', right: `),"${DEPS_MARKER}")` };
    },
    generateBundle(_options, bundle) {
      const staticDeps = (file, seen = new Set()) => {
        for (const dep of bundle[file]?.imports ?? []) {
          if (!seen.has(dep)) {
            seen.add(dep);
            staticDeps(dep, seen);
          }
        }
        return seen;
      };
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.code.includes(DEPS_MARKER)) continue;
        const pattern = new RegExp(`import\\(["']\\./([^"']+)["']\\),"${DEPS_MARKER}"`, 'g');
        chunk.code = chunk.code.replace(pattern, (_m, target) => {
          const deps = [...staticDeps(target)].filter((d) => d !== chunk.fileName);
          return `import("./${target}"),${JSON.stringify(deps)}`;
        });
        if (chunk.code.includes(DEPS_MARKER))
          this.error('a dynamic import of the loader was not given its dependencies');
      }
    },
  };
}

/**
 * Every text has its id (short-message-ids refuses a `msg` without one), so lit-localize's
 * hashing of a text into an id (FNV-1a 64 and its id generation, about 200 B gzip) is never
 * called: it is left out, and a call that reached it anyway fails loudly instead of showing a
 * text that lost its translations.
 */
function noHashedMessageIds() {
  return {
    name: 'ebok-no-hashed-message-ids',
    load(id) {
      if (!/@lit[\\/]localize[\\/]internal[\\/]id-generation\.js$/.test(id)) return null;
      return "export const generateMsgId = () => { throw new Error('ebok: a text without an id'); };";
    },
  };
}

// Chunk names carry content hashes: old ones would pile up.
rmSync(new URL('dist/chunks', import.meta.url), { recursive: true, force: true });

export default {
  input: { ebok: 'src/index.ts' },
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].js',
    // Six characters of hash (36 bits) tell versions apart; the loader lists every chunk's name, so each counts.
    chunkFileNames: 'chunks/[name]-[hash:6].js',
    // Everything a form needs whatever the procedure (Lit, the runtime, the controls, the journey)
    // in one chunk: one request, and gzip sees it whole.
    manualChunks(id) {
      // The loader's own modules stay in the loader even though <ebok-form> (in the shared chunk) reads the
      // procedure map too: otherwise rollup would move them into the shared chunk, and the loader import it.
      if (LOADER_MODULES.has(id) || /controls[\\/]tags\.ts$/.test(id)) return 'ebok';
      if (/[\\/]schemas[\\/]dist[\\/]/.test(id) || /generated[\\/]elements[\\/]procedures/.test(id)) return undefined;
      if (
        /[\\/](signing|certificate)[\\/]|pkijs|asn1js|pvtsutils|pvutils|bytestreamjs|@noble|generated[\\/]locales/.test(
          id,
        )
      )
        return undefined;
      // An image attachment's pixel-size check and its messages: loaded when a resident chooses a
      // file whose procedure states a pixel size (a photo), in a chunk of its own.
      if (/runtime[\\/](image-check|image-size|messages[\\/]image)\.ts$|controls[\\/]image-rejection\.ts$/.test(id))
        return 'image';
      // English and Ukrainian messages come with the language (src/languages), Polish ones are shared.
      if (/runtime[\\/]messages[\\/](en|uk)\.ts$/.test(id)) return undefined;
      // "Check your answers" reads the answers back with this: loaded when a resident reaches the last step.
      if (/form[\\/]answers\.ts$/.test(id)) return 'check';
      // An application's files and its receipt's, named once: for the receipt page, and for an
      // application downloaded again from a resident's list (loaded on that click, not with the list).
      if (/internal[\\/]receipt-files\.ts$/.test(id)) return 'receipt-files';
      // Departments' names: for the receipt, and for the list of a resident's applications, which
      // loads without the signing step's page.
      if (/form[\\/]departments\.ts$/.test(id)) return 'departments';
      // The signing step's page, sending and the receipt: loaded when a resident goes on to sign (or a
      // receipt is shown), not before.
      if (
        /form[\\/](sign-step|sign-file-page|sign-file-steps|sign-file\.styles|signed-file|receipt|submit)\.ts$|internal[\\/]adopted-styles\.ts$/.test(
          id,
        )
      )
        return 'sign-step';
      // Who must sign (the server's own rule, from forms-core) is asked only at the signing step.
      if (/runtime[\\/]signer\.ts$|formats[\\/]identity\.ts$/.test(id)) return 'sign-step';
      // Controls that only some forms show: with the procedures whose elements import them.
      if (/controls[\\/](number-field|select)\.ts$/.test(id)) return 'controls-more';
      // Only for editors who place controls themselves: the journey does not use them. (The list of
      // the controls' tags is the loader's own.)
      if (/controls[\\/](address|index|tags)\.ts$/.test(id)) return undefined;
      if (
        /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]|packages[\\/]widgets[\\/]src[\\/](controls|form|internal|localization)|forms-core[\\/]src[\\/](runtime|formats)/.test(
          id,
        )
      ) {
        return 'shared';
      }
      return undefined;
    },
    sourcemap: false,
  },
  plugins: [
    noHashedMessageIds(),
    resolve({ browser: true, exportConditions: ['ebok-source', 'browser', 'production'] }),
    // pvtsutils (under pkijs, for PKCS#12 backups) is CommonJS only.
    commonjs(),
    esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', minify: false }),
    compactTemplates(/[\\/]widgets[\\/]src[\\/]/),
    shortMessageIds({
      localeFile: fileURLToPath(new URL('src/generated/locales/en.ts', import.meta.url)),
      include: /[\\/]widgets[\\/]src[\\/]/,
    }),
    compactValidators(),
    preloadDependencies(),
    terser({ module: true, format: { comments: false }, compress: { passes: 2 } }),
    precompressed(),
  ],
  // Shared code may be exported from the loader itself, so it is one request, not a facade and a chunk.
  preserveEntrySignatures: 'allow-extension',
};
