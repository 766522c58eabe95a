// The browser bundles in dist/: the loader (ebok.js), one chunk per procedure, shared chunks and
// the signing chunk, all ES modules with relative imports, so they work from any origin or path.
import { rmSync } from 'node:fs';
import commonjs from '@rollup/plugin-commonjs';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

// Chunk names carry content hashes: old ones would pile up.
rmSync(new URL('dist/chunks', import.meta.url), { recursive: true, force: true });

export default {
  input: { ebok: 'src/index.ts' },
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: false,
  },
  plugins: [
    resolve({ browser: true, exportConditions: ['ebok-source', 'browser', 'production'] }),
    // pvtsutils (under pkijs, for PKCS#12 backups) is CommonJS only.
    commonjs(),
    esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', minify: false }),
    terser({ module: true, format: { comments: false }, compress: { passes: 2 } }),
  ],
  // Shared code may be exported from the loader itself, so it is one request, not a facade and a chunk.
  preserveEntrySignatures: 'allow-extension',
};
