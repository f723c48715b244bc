// Pack the project as npm would publish it and install the tarball into an empty prefix, for the packaging
// test and bench/package.mjs. Packing happens in a copy of the checkout (node_modules linked), so the
// `prepack` build it triggers never rewrites the dist/ that other tests are running at the same time.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';

/** Top-level entries of the checkout that packing does not need (or that must come fresh). */
const NOT_COPIED = new Set(['node_modules', 'dist', '.git', '.wtagents', 'bench', 'tests']);

/** npm run with this Node (Node 24) first on PATH and without the npm_* variables of an enclosing `npm test`. */
export function npmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  env.PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`;
  return { ...env, ...extra };
}

export function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = npmEnv()): string {
  return execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

/** A copy of the checkout at `root` in `dir` (sources, scripts, package.json, README…), its node_modules linked. */
export function stageCheckout(root: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  cpSync(root, dir, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(root, src);
      return rel === '' || !NOT_COPIED.has(rel.split(path.sep)[0]!) && !rel.endsWith('.tgz');
    },
  });
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

export interface PackedFile {
  path: string;
  size: number;
  mode: number;
}

export interface PackResult {
  tarball: string;
  size: number;
  unpackedSize: number;
  files: PackedFile[];
  ms: number;
}

/** `npm pack` in `cwd` (running its prepack script) into `dest`. */
export function npmPack(cwd: string, dest: string): PackResult {
  const start = performance.now();
  const out = npm(['pack', '--json', '--pack-destination', dest], cwd);
  const ms = performance.now() - start;
  const [info] = JSON.parse(out) as Array<{ filename: string; size: number; unpackedSize: number; files: PackedFile[] }>;
  return { tarball: path.join(dest, info!.filename), size: info!.size, unpackedSize: info!.unpackedSize, files: info!.files, ms };
}

/** `npm install -g` of a tarball into `prefix`, offline, with an empty cache: only what the tarball holds. */
export function npmInstallOffline(tarball: string, prefix: string, cache: string): { ms: number; output: string } {
  const start = performance.now();
  const output = npm(['install', '-g', '--prefix', prefix, '--offline', '--cache', cache, '--no-audit', '--no-fund', tarball], path.dirname(tarball));
  return { ms: performance.now() - start, output };
}
