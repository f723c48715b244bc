// Delay from a trace append to the line on screen, with 50 running tasks each appending 100 events/s:
// the TUI runs in a pty, its output is replayed on a screen model, markers are matched to their append
// times (p50/p95). Also the TUI's CPU share over the same window. Prints JSON.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, cpuMs, makeRepo, NODE, percentile, ROOT, round, runPty, sleep, tempDir } from './lib/common.mjs';
import { Screen } from './lib/screen.mjs';

const TASKS = Number(process.env.BENCH_TASKS ?? 50);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const WARMUP_S = 3;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 15);
const COLS = 120;
const ROWS = 40;

const repo = makeRepo();
const dir = tempDir();
const appendedFile = path.join(dir, 'appended.json');
const recordFile = path.join(dir, 'screen.jsonl');

const writer = spawn(NODE, [path.join(ROOT, 'bench/lib/writer.mjs'), repo, String(TASKS), String(RATE), String(WARMUP_S + 1), String(DURATION_S), appendedFile], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((res) => writer.stdout.once('data', res)); // READY: tasks exist, appends started
const writerDone = new Promise((res) => writer.on('exit', res));

let cpu = null;
const run = runPty({
  cols: COLS,
  rows: ROWS,
  duration: WARMUP_S + 1 + DURATION_S + 2,
  record: recordFile,
  cmd: ['sh', '-c', 'cd "$1" && exec "$2" "$3"', 'sh', repo, NODE, CLI],
  onPid: (pid) => {
    void (async () => {
      await sleep((WARMUP_S + 1) * 1000);
      const c0 = cpuMs(pid);
      const t0 = performance.now();
      await sleep(DURATION_S * 1000);
      cpu = (cpuMs(pid) - c0) / (performance.now() - t0);
    })().catch(() => {});
  },
});
await writerDone;
await run;

const { appended, events } = JSON.parse(readFileSync(appendedFile, 'utf8'));
const screen = new Screen(COLS, ROWS);
const seen = {};
for (const line of readFileSync(recordFile, 'utf8').split('\n')) {
  if (line === '') continue;
  const { t, d } = JSON.parse(line);
  screen.write(Buffer.from(d, 'base64'));
  for (let r = 0; r < ROWS; r++) for (const m of screen.row(r).matchAll(/MK(\d{6})#/g)) seen[Number(m[1])] ??= t;
}
const delays = [];
let missed = 0;
for (const [k, t] of Object.entries(appended)) {
  if (seen[k] === undefined) missed++;
  else delays.push(seen[k] - t);
}
console.log(
  JSON.stringify(
    {
      bench: 'trace-latency',
      tasks: TASKS,
      eventsPerSecondPerTask: RATE,
      seconds: DURATION_S,
      eventsWritten: events,
      markers: Object.keys(appended).length,
      missed,
      delayMs: { p50: round(percentile(delays, 50)), p95: round(percentile(delays, 95)), max: round(percentile(delays, 100)) },
      tuiCpuShare: cpu === null ? null : round(cpu, 3),
      target: 'p95 <= 100 ms',
    },
    null,
    2,
  ),
);
