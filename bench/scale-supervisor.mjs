// Scale bench, supervisor side: the RSS of the detached supervisor that `wtagents run` starts (its agent a
// shell that waits) against a bare `node` process waiting on a timer, both with the same Node binary,
// alternating in the same run; read from /proc once each has settled. Prints JSON with the issue-13 target.
// Env: BENCH_RUNS (default 5).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, makeRepo, NODE, percentile, round, rssKb, sleep } from './lib/common.mjs';
import { ENV, median, target } from './lib/scale.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SETTLE_MS = 1500;
const repo = makeRepo();

function cli(args) {
  const r = spawnSync(NODE, [CLI, ...args], { cwd: repo, env: ENV, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wtagents ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function supervisorRss(i) {
  const task = JSON.parse(cli(['new', '--task', `Wait ${i}`, '--agent-command', 'sleep 60', '--json']));
  cli(['run', task.id]);
  let pid = null;
  for (let k = 0; k < 200 && pid === null; k++) {
    pid = JSON.parse(readFileSync(path.join(task.taskDir, 'task.json'), 'utf8')).processes?.supervisor?.pid ?? null;
    if (pid === null) await sleep(50);
  }
  if (pid === null) throw new Error('no supervisor pid');
  await sleep(SETTLE_MS);
  const kb = rssKb(pid);
  cli(['stop', task.id]);
  return kb;
}

async function bareRss() {
  const child = spawn(NODE, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await sleep(SETTLE_MS);
  const kb = rssKb(child.pid);
  child.kill('SIGKILL');
  return kb;
}

const sup = [];
const bare = [];
for (let i = 0; i < RUNS; i++) {
  bare.push(await bareRss());
  sup.push(await supervisorRss(i));
}
const mb = (kb) => round(kb / 1024, 1);
console.log(
  JSON.stringify(
    {
      bench: 'scale-supervisor',
      runs: RUNS,
      rssMb: { supervisor: { p50: mb(median(sup)), max: mb(percentile(sup, 100)) }, bareNode: { p50: mb(median(bare)), max: mb(percentile(bare, 100)) } },
      targets: [target('supervisor RSS / bare node RSS', median(sup) / median(bare), 1.25)],
      load: os.loadavg().map((x) => round(x, 2)),
    },
    null,
    2,
  ),
);
