// Ink bundled on the fly for the tests of the build's Ink patches (scripts/bundle.mjs): a small program that
// imports Ink, bundled with esbuild with or without a patch plugin, written to a temp file and imported.
import { build, type Plugin } from 'esbuild';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './cli.js';
import { tempDir } from './repo.js';

/** React DevTools (an optional peer of Ink, never loaded here) as an empty module. */
const noDevtools: Plugin = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'devtools', namespace: 'none' }));
    b.onLoad({ filter: /.*/, namespace: 'none' }, () => ({ contents: 'export default {};', loader: 'js' }));
  },
};

/** `program` (ESM source resolved from the project root) bundled with `plugins`, imported: its exports and its bundled source. */
export async function bundleInkProgram<T>(program: string, plugins: Plugin[], name: string): Promise<{ module: T; source: string }> {
  const out = await build({
    stdin: { contents: program, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [noDevtools, ...plugins],
  });
  const source = out.outputFiles[0]!.text;
  const file = path.join(tempDir(), `${name}.mjs`);
  writeFileSync(file, source);
  return { module: (await import(pathToFileURL(file).href)) as T, source };
}
