// Bundles src/bin.ts → dist/wtagents.js (the CLI and, split off into dist/chunks/, what it loads lazily) as
// fast-starting ESM holding every dependency: the published package installs nothing else.
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

/**
 * zod re-exports all ~50 of its locales through `z.locales`, which keeps ~300 KB of translated error
 * messages in the bundle that every command and the TUI load first. wtagents uses zod's default English
 * messages only, so the locales barrel is replaced by one that holds just `en`.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/zod/`) ? { path: 'zod-locales-en', namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js';",
      resolveDir: new URL('..', import.meta.url).pathname,
    }));
  },
};

await build({
  plugins: [zodEnglishOnly],
  // src/bin.ts checks the Node version, enables the compile cache, then imports src/cli.ts (which lazily imports the TUI).
  entryPoints: { wtagents: 'src/bin.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  define: {
    'process.env.NODE_ENV': '"production"',
    WTAGENTS_VERSION: JSON.stringify(pkg.version),
  },
  // React DevTools is an optional peer of Ink that production never loads.
  external: ['react-devtools-core'],
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __wtCreateRequire } from 'node:module';\nconst require = __wtCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

// Executable like the installed bin (npm sets the mode on install; this is for ./dist/wtagents.js in a checkout).
chmodSync(new URL('../dist/wtagents.js', import.meta.url), 0o755);
