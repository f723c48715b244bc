// Bundles src/bin.ts → dist/wtagents.js (the CLI and, split off into dist/chunks/, what it loads lazily) as
// fast-starting ESM holding every dependency: the published package installs nothing else. The options are
// in scripts/bundle.mjs.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { distBuilds, writeBundle } from './bundle.mjs';

const builds = distBuilds();
rmSync(builds[0][0].outdir, { recursive: true, force: true });
// The entries are executable like the installed bin (npm sets the mode on install; this is for ./dist/wtagents.js).
for (const [options, entries] of builds) writeBundle(await build(options), options.outdir, entries);
