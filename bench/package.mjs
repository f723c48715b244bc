// Packaging figures as JSON: tarball size, `npm pack` time (with its prepack build), offline install time into an
// empty prefix, installed size, and the installed CLI's `--version` start-up time (median).
// Run: npx node bench/package.mjs   (bundles tests/helpers/pack.ts with esbuild into a temp file first)
import { build } from 'esbuild';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'wt-bench-pack-')));
await build({
  entryPoints: [path.join(root, 'tests/helpers/pack.ts')],
  outfile: path.join(tmp, 'pack.mjs'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  logLevel: 'warning',
});
const { npmInstallOffline, npmPack, stageCheckout } = await import(pathToFileURL(path.join(tmp, 'pack.mjs')).href);

const RUNS = 3;
const packs = [];
const installs = [];
let packed;
let prefix;
const stage = stageCheckout(root, path.join(tmp, 'stage'));
for (let i = 0; i < RUNS; i++) {
  packed = npmPack(stage, mkdtempSync(path.join(tmp, 'tgz-')));
  packs.push(packed.ms);
  prefix = mkdtempSync(path.join(tmp, 'prefix-'));
  installs.push(npmInstallOffline(packed.tarball, prefix, mkdtempSync(path.join(tmp, 'cache-'))).ms);
}

const bin = path.join(prefix, 'bin', 'wtagents');
const starts = [];
for (let i = 0; i < 9; i++) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
  starts.push(performance.now() - t);
  if (r.status !== 0) throw new Error(`installed wtagents --version failed: ${r.stderr}`);
}
const installedKiB = Number(execFileSync('du', ['-sk', prefix], { encoding: 'utf8' }).split('\t')[0]);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x) => Math.round(x);
console.log(JSON.stringify({
  tarballBytes: packed.size,
  unpackedBytes: packed.unpackedSize,
  files: packed.files.length,
  packMsMedian: round(median(packs)),
  installOfflineMsMedian: round(median(installs)),
  installedKiB,
  versionStartMsMedian: round(median(starts)),
  runs: RUNS,
  node: process.version,
}, null, 2));
rmSync(tmp, { recursive: true, force: true });
