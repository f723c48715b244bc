// Shared by the scale benches (bench/scale-*.mjs): the generated big repository with real tasks on its
// branches, the references measured in the same run (a bare Ink hello-world bundled like wtagents, plain
// git), alternating timed runs and a target line for each figure.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { bundleOptions, writeBundle } from '../../scripts/bundle.mjs';
import { makeBigRepo } from './big-repo.mjs';
import { CLI, GIT_ENV, NODE, percentile, ROOT, round, runPty, tempDir } from './common.mjs';

export const ENV = { ...process.env, ...GIT_ENV };
export const git = (cwd, args) => execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8', maxBuffer: 1 << 30 });
export const median = (xs) => percentile(xs, 50);

/** The bare Ink hello-world, bundled and written exactly as scripts/build.mjs does wtagents. */
export async function bundleHello() {
  const outdir = path.join(tempDir(), 'hello');
  const result = await build({ ...bundleOptions, entryPoints: { hello: path.join(ROOT, 'bench/hello/bin.ts') }, outdir });
  writeBundle(result, outdir, ['hello.js']);
  return path.join(outdir, 'hello.js');
}

/** The generated repository (bench/lib/big-repo.mjs) in a temp dir. */
export function bigRepo() {
  return makeBigRepo(tempDir('wt-scale-'));
}

/** A real task (`wtagents new`: branch + worktree) whose branch is then moved to `commitish`. */
export function taskOn(repo, title, commitish) {
  const r = spawnSync(NODE, [CLI, 'new', '--task', title, '--json'], { cwd: repo, env: ENV, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wtagents new failed: ${r.stderr}`);
  const task = JSON.parse(r.stdout);
  git(task.worktree, ['reset', '-q', '--hard', commitish]);
  return task;
}

/** Milliseconds from spawn to `marker` on a cols×rows pty, running `cmd` in `cwd`. */
export async function ptyMs(cmd, marker, cwd, { cols = 120, rows = 35, quit } = {}) {
  const r = await runPty({ cols, rows, marker, duration: 30, ...(quit ? { quit } : {}), cmd: ['sh', '-c', 'cd "$1" && shift && exec "$@"', 'sh', cwd, ...cmd] });
  if (r.markerMs === null) throw new Error(`no ${JSON.stringify(marker)} from ${cmd.join(' ')}`);
  return r.markerMs;
}

/** Milliseconds a command takes to run to its end (no terminal); throws when it fails. */
export function runMs(cmd, args, cwd) {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd, env: { ...ENV, NO_COLOR: '1' }, encoding: 'utf8', maxBuffer: 1 << 30, input: '' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

/**
 * Run each named measure `runs` times, taking turns (a, b, c, a, b, c, …) so that load on the shared machine
 * falls on all of them alike; one warm-up round first. Returns name → list of figures.
 */
export async function alternate(measures, runs) {
  const out = Object.fromEntries(Object.keys(measures).map((k) => [k, []]));
  for (let i = 0; i <= runs; i++) {
    for (const [k, f] of Object.entries(measures)) {
      const v = await f(i === 0);
      if (i > 0) out[k].push(v);
    }
  }
  return out;
}

/** A target line: the figure, how it was reached, the limit, and whether it is met. */
export function target(what, value, limit, extra = {}) {
  return { target: what, value: round(value, 3), limit, met: value !== null && value <= limit, ...extra };
}

/** p50 and p90 of a list of ms figures. */
export function spread(xs) {
  return { p50: round(median(xs)), p90: round(percentile(xs, 90)), n: xs.length };
}
