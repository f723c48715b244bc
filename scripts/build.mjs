// Bundles src/bin.ts → dist/wtagents.js (the CLI and, split off into dist/chunks/, what it loads lazily) as
// fast-starting ESM holding every dependency: the published package installs nothing else. The options are
// in scripts/bundle.mjs.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { wtagentsOptions, writeBundle } from './bundle.mjs';

const options = wtagentsOptions();
rmSync(options.outdir, { recursive: true, force: true });
// The entry is executable like the installed bin (npm sets the mode on install; this is for ./dist/wtagents.js).
writeBundle(await build(options), options.outdir, ['wtagents.js', 'supervisor.js']);
