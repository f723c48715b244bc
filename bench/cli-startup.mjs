// Start-up time of the built CLI's quick subcommands (--version, --help, list, status, agents, logs, new),
// each run to its end without a terminal on a repo with 21 tasks, alternating commands. Prints JSON p50/p90 (ms).
import { spawnSync } from 'node:child_process';
import { CLI, cloneTasks, GIT_ENV, makeRepo, NODE, percentile, round } from './lib/common.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const repo = makeRepo();
cloneTasks(repo, 20);
const scratch = makeRepo(); // `new` adds its tasks here, so the others always see 21
const commands = {
  version: ['--version'],
  help: ['--help'],
  helpReview: ['review', '--help'],
  list: ['list'],
  status: ['status'],
  agents: ['agents'],
  logs: ['logs', 'template-task'],
  newDryRun: (i) => ['new', '--mode', 'dry-run', '--task', `bench start-up ${i}`, '--repo', scratch],
};

function timeOne(args) {
  const t = performance.now();
  const r = spawnSync(NODE, [CLI, ...args], { cwd: repo, env: { ...process.env, ...GIT_ENV, NO_COLOR: '1' }, encoding: 'utf8', input: '' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`wtagents ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (let i = 0; i < RUNS + 1; i++) {
  for (const [name, args] of Object.entries(commands)) {
    const ms = timeOne(typeof args === 'function' ? args(i) : args);
    if (i > 0) times[name].push(ms); // the first round warms the file and compile caches
  }
}
console.log(
  JSON.stringify(
    {
      bench: 'cli-startup',
      runs: RUNS,
      tasks: 21,
      ms: Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, { p50: round(percentile(xs, 50)), p90: round(percentile(xs, 90)) }])),
    },
    null,
    2,
  ),
);
