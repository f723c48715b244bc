// Time to first frame in a pty: `wtagents` on a repo with tasks versus a bare Ink hello-world bundled
// the same way (esbuild, production, minified), alternating runs in the same session. Prints JSON.
import { build } from 'esbuild';
import path from 'node:path';
import { CLI, cloneTasks, makeRepo, NODE, percentile, ROOT, round, runPty, tempDir } from './lib/common.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

async function bundleHello() {
  const outdir = path.join(tempDir(), 'hello');
  await build({
    entryPoints: { hello: path.join(ROOT, 'bench/hello/bin.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    minify: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    external: ['react-devtools-core'],
    chunkNames: 'chunks/[name]-[hash]',
    // The same entry pattern and banner as scripts/build.mjs: only the app differs.
    banner: { js: "import { createRequire as __wtCreateRequire } from 'node:module';\nconst require = __wtCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return path.join(outdir, 'hello.js');
}

async function timeIt(cmd, marker, cwd) {
  const r = await runPty({ cols: 120, rows: 30, marker, duration: 20, cmd: ['sh', '-c', `cd "$1" && shift && exec "$@"`, 'sh', cwd, ...cmd] });
  if (r.markerMs === null) throw new Error(`no first frame (${marker}) from ${cmd.join(' ')}`);
  return r.markerMs;
}

const hello = await bundleHello();
const repo = makeRepo();
cloneTasks(repo, 20);
const times = { hello: [], wtagents: [] };
for (let i = 0; i < RUNS + 1; i++) {
  const h = await timeIt([NODE, hello], 'Hello, world', repo);
  // The footer is the last row of the first frame: header, task list and trace are painted with it.
  const w = await timeIt([NODE, CLI], 'q quit', repo);
  if (i === 0) continue; // warm the file cache first
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
      helloMs: { p50: round(med(times.hello)), p90: round(percentile(times.hello, 90)) },
      wtagentsMs: { p50: round(med(times.wtagents)), p90: round(percentile(times.wtagents, 90)) },
      ratio: round(med(times.wtagents) / med(times.hello), 2),
      target: '<= 1.5',
    },
    null,
    2,
  ),
);
