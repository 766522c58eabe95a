// The console's browser bundle in dist/: office.js, the English texts as a chunk of their own,
// and index.html, which the server answers for every page of the console.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { compactTemplates, precompressed } from '../widgets/build/bundle-plugins.mjs';

// Chunk names carry content hashes: old ones would pile up.
rmSync(new URL('dist/chunks', import.meta.url), { recursive: true, force: true });

/** The page itself, beside the scripts. */
function page() {
  return {
    name: 'ebok-office-page',
    writeBundle() {
      mkdirSync(new URL('dist', import.meta.url), { recursive: true });
      copyFileSync(new URL('src/index.html', import.meta.url), new URL('dist/index.html', import.meta.url));
    },
  };
}

export default {
  input: { office: 'src/index.ts' },
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash:6].js',
    sourcemap: false,
  },
  // Shared code may be exported from the entry itself: one request, not a facade and a chunk.
  preserveEntrySignatures: 'allow-extension',
  plugins: [
    resolve({ browser: true, exportConditions: ['ebok-source', 'browser', 'production'] }),
    esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', minify: false }),
    compactTemplates(/[\\/](widgets|office)[\\/]src[\\/]/),
    terser({ module: true, format: { comments: false }, compress: { passes: 2 } }),
    precompressed(),
    page(),
  ],
};
