// Time to first frame in a pty: `wtagents` on a repo with tasks versus a bare Ink hello-world bundled
// the same way (esbuild, production, minified), alternating runs in the same session. Prints JSON.
// The first run of each is a warm-up that quits normally, so that Node writes both compile caches: every
// measured run then starts warm, whatever ran before (a killed process writes no cache; without this the
// baseline was always cold and wtagents warm or cold depending on which commands had run since the build).
import { build } from 'esbuild';
import path from 'node:path';
import { bundleOptions, writeBundle } from '../scripts/bundle.mjs';
import { CLI, cloneTasks, makeRepo, NODE, percentile, ROOT, round, runPty, tempDir } from './lib/common.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

async function bundleHello() {
  const outdir = path.join(tempDir(), 'hello');
  // Bundled and written exactly as scripts/build.mjs does (scripts/bundle.mjs): only the app differs.
  const result = await build({ ...bundleOptions, entryPoints: { hello: path.join(ROOT, 'bench/hello/bin.ts') }, outdir });
  writeBundle(result, outdir, ['hello.js']);
  return path.join(outdir, 'hello.js');
}

async function timeIt(cmd, marker, cwd, quit) {
  const r = await runPty({ cols: 120, rows: 30, marker, duration: 20, ...(quit ? { quit } : {}), cmd: ['sh', '-c', `cd "$1" && shift && exec "$@"`, 'sh', cwd, ...cmd] });
  if (r.markerMs === null) throw new Error(`no first frame (${marker}) from ${cmd.join(' ')}`);
  return r.markerMs;
}

const hello = await bundleHello();
const repo = makeRepo();
cloneTasks(repo, 20);
const times = { hello: [], wtagents: [] };
for (let i = 0; i < RUNS + 1; i++) {
  const warmUp = i === 0; // quits normally (ctrl+c, q): the file and compile caches are warm from here on
  const h = await timeIt([NODE, hello], 'Hello, world', repo, warmUp ? '\x03' : undefined);
  // The footer is the last row of the first frame: header, task list and trace are painted with it.
  const w = await timeIt([NODE, CLI], 'q quit', repo, warmUp ? 'q' : undefined);
  if (warmUp) continue;
  times.hello.push(h);
  times.wtagents.push(w);
}
const med = (xs) => percentile(xs, 50);
console.log(
  JSON.stringify(
    {
      bench: 'first-frame',
      runs: RUNS,
      tasks: 21,
      caches: 'warm',
      helloMs: { p50: round(med(times.hello)), p90: round(percentile(times.hello, 90)) },
      wtagentsMs: { p50: round(med(times.wtagents)), p90: round(percentile(times.wtagents, 90)) },
      ratio: round(med(times.wtagents) / med(times.hello), 2),
      target: '<= 1.5',
    },
    null,
    2,
  ),
);
