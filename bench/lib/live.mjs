// The dashboard under load, for the scale benches: a writer stands in for `tasks` supervisors appending
// `rate` trace events/s each (bench/lib/writer.mjs); the built `wtagents` runs in a pty; after a warm-up its
// CPU share (its git children included) and RSS are read from /proc over the window, and every marker
// appended to the selected task's trace is matched to the moment it is on screen (a screen model replays the
// pty output): append → screen. Steady state: the warm-up lasts until the dashboard's first counts and disk
// walks are done (its CPU, git included, quiet), at most `maxWarmupS`.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, cpuMsWithChildren as cpuMs, NODE, percentile, ROOT, round, rssKb, runPty, sleep, tempDir } from './common.mjs';
import { Screen } from './screen.mjs';

/**
 * Run the dashboard on `repo` while `tasks` running tasks append `rate` events/s each for `seconds` (after
 * `warmupS`). `real`: {template, worktrees} to make the tasks copies of a real task with real worktrees.
 */
export async function liveDashboard(repo, { tasks, rate, seconds = 15, warmupS = 4, maxWarmupS = 60, cols = 120, rows = 35, real } = {}) {
  const dir = tempDir();
  const appendedFile = path.join(dir, 'appended.json');
  const recordFile = path.join(dir, 'screen.jsonl');
  const extra = real ? [real.template, JSON.stringify(real.worktrees)] : [];
  // The writer's measured window starts after the longest warm-up; appends run throughout.
  const lead = maxWarmupS + 1;
  const writer = spawn(NODE, [path.join(ROOT, 'bench/lib/writer.mjs'), repo, String(tasks), String(rate), String(lead), String(seconds), appendedFile, ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((res) => writer.stdout.once('data', res)); // READY: tasks exist, appends started
  const writerDone = new Promise((res) => writer.on('exit', res));
  let cpu = null;
  let warmedS = null;
  const rss = [];
  const run = runPty({
    cols,
    rows,
    duration: lead + seconds + 2,
    record: recordFile,
    ...(process.env.BENCH_DASH_NODE_ARGS ? { quit: 'q' } : {}),
    // BENCH_DASH_NODE_ARGS: node options for the dashboard (`--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it).
    cmd: ['sh', '-c', 'cd "$1" && shift && exec "$@"', 'sh', repo, NODE, ...(process.env.BENCH_DASH_NODE_ARGS ?? '').split(' ').filter(Boolean), CLI],
    onPid: (pid) => {
      void (async () => {
        const t00 = performance.now();
        await sleep(warmupS * 1000);
        // Settled: under 15 % of a core (git included) over the last 2 s, or the longest warm-up is over.
        for (let c = cpuMs(pid); performance.now() - t00 < maxWarmupS * 1000; ) {
          await sleep(2000);
          const now = cpuMs(pid);
          if (now - c < 300) break;
          c = now;
        }
        warmedS = round((performance.now() - t00) / 1000, 1);
        await sleep(Math.max(0, lead * 1000 - (performance.now() - t00))); // the writer's window
        const c0 = cpuMs(pid);
        const t0 = performance.now();
        for (let s = 0; s < seconds * 2; s++) {
          await sleep(500);
          rss.push(rssKb(pid));
        }
        cpu = (cpuMs(pid) - c0) / (performance.now() - t0);
      })().catch(() => {});
    },
  });
  await writerDone;
  await run;

  const { appended, events, begin, end } = JSON.parse(readFileSync(appendedFile, 'utf8'));
  const screen = new Screen(cols, rows);
  const seen = {};
  let writes = 0;
  for (const line of readFileSync(recordFile, 'utf8').split('\n')) {
    if (line === '') continue;
    const { t, d } = JSON.parse(line);
    if (t >= begin && t <= end) writes++;
    screen.write(Buffer.from(d, 'base64'));
    for (let r = 0; r < rows; r++) for (const m of screen.row(r).matchAll(/MK(\d{6})#/g)) seen[Number(m[1])] ??= t;
  }
  // A dashboard that died or never drew: say what was last on its screen.
  if (cpu === null || Object.keys(seen).length === 0) process.stderr.write(`live dashboard (${tasks} tasks): no figures; last screen:\n${Array.from({ length: rows }, (_, r) => screen.row(r)).join('\n')}\n`);
  const delays = [];
  let missed = 0;
  for (const [k, t] of Object.entries(appended)) {
    if (seen[k] === undefined) missed++;
    else delays.push(seen[k] - t);
  }
  const mb = (kb) => (kb === null || kb === undefined ? null : round(kb / 1024, 1));
  return {
    tasks,
    eventsPerSecondPerTask: rate,
    seconds,
    eventsWritten: events,
    warmupS: warmedS,
    cpuShare: cpu === null ? null : round(cpu, 3),
    /** Terminal writes per second in the window (about the frame rate). */
    writesPerSecond: round(writes / seconds, 1),
    rssMb: { max: mb(Math.max(...rss.filter((x) => x !== null))), p50: mb(percentile(rss.filter((x) => x !== null), 50)) },
    appendToScreenMs: { p50: round(percentile(delays, 50)), p95: round(percentile(delays, 95)), markers: Object.keys(appended).length, missed },
  };
}
