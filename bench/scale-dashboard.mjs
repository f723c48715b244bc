// Scale bench, dashboard side, on the generated big repository (bench/lib/big-repo.mjs): the first frame with
// 50 tasks (10 with real worktrees: 5 on the ~130k-line branch, 5 on the 10-line one; 40 more records pointing
// at those worktrees) against a bare Ink hello-world bundled the same way, alternating in the same run; then
// the live dashboard with 40 running tasks × 4 events/s and 50 × 100 events/s (CPU share of one core, git
// children included; RSS; append → screen p95). Prints JSON with each issue-13 target and whether it is met.
// Env: BENCH_RUNS (first-frame runs, default 7), BENCH_SECONDS (live window, default 15).
import os from 'node:os';
import { CLI, cloneTasks, NODE, round } from './lib/common.mjs';
import { liveDashboard } from './lib/live.mjs';
import { alternate, bigRepo, bundleHello, median, ptyMs, spread, target, taskOn } from './lib/scale.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);

const hello = await bundleHello();
const made = bigRepo();
const { repo } = made;
const real = [];
for (let i = 0; i < 5; i++) real.push(taskOn(repo, `Big change ${i}`, made.big), taskOn(repo, `Small change ${i}`, made.small));
const worktrees = real.map((t) => t.worktree);
const template = real[0].taskDir;
cloneTasks(repo, 40, { state: 'done', template, worktrees });

const times = await alternate(
  {
    hello: (warm) => ptyMs([NODE, hello], 'Hello, world', repo, warm ? { quit: '\x03' } : {}),
    dashboard: (warm) => ptyMs([NODE, CLI], 'q quit', repo, warm ? { quit: 'q' } : {}),
  },
  RUNS,
);
const firstFrame = median(times.dashboard.map((x, i) => x / times.hello[i]));

// The 40 records become running tasks (the writer is their supervisor); then 50.
const calm = await liveDashboard(repo, { tasks: 40, rate: 4, seconds: SECONDS, real: { template, worktrees } });
const busy = await liveDashboard(repo, { tasks: 50, rate: 100, seconds: SECONDS, real: { template, worktrees } });

console.log(
  JSON.stringify(
    {
      bench: 'scale-dashboard',
      runs: RUNS,
      repo: { bigDiff: made.bigDiff, smallDiff: made.smallDiff, tasks: 50 },
      firstFrameMs: { hello: spread(times.hello), dashboard: spread(times.dashboard) },
      live: { calm, busy },
      targets: [
        target('dashboard first frame / bare Ink hello (50 tasks, 5 with a 130k-line diff)', firstFrame, 1.3),
        target('40 tasks × 4 events/s: dashboard share of one core (git included)', calm.cpuShare, 0.1),
        target('40 tasks × 4 events/s: dashboard RSS MB (max)', calm.rssMb.max, 120),
        target('50 tasks × 100 events/s: dashboard share of one core (git included)', busy.cpuShare, 0.25),
        target('50 tasks × 100 events/s: append → screen p95 ms', busy.appendToScreenMs.p95, 100, { missed: busy.appendToScreenMs.missed }),
      ],
      load: os.loadavg().map((x) => round(x, 2)),
    },
    null,
    2,
  ),
);
