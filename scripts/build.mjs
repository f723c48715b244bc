// Bundles src/bin.ts → src/cli.ts (and, split off, the lazily loaded TUI) into dist/ as fast-starting ESM.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  // src/bin.ts enables the compile cache, then imports src/cli.ts (which lazily imports the TUI).
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
