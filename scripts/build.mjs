// Bundles src/bin.ts → dist/wtagents.js (the CLI and, split off into dist/chunks/, what it loads lazily) as
// fast-starting ESM holding every dependency: the published package installs nothing else.
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
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
