// Memory of the TUI while it reads 1M trace lines of the selected task: RSS sampled every 100k lines, each
// time after the TUI has caught up (its CPU gone quiet). Run twice: with V8's defaults, and with the heap
// held small (--max-old-space-size=40 --max-semi-space-size=2), which shows the live set: if anything grew
// with the lines read, that run would grow too (or fail). Prints JSON.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { CLI, cloneTasks, cpuMs, makeRepo, NODE, round, rssKb, runPty, sleep, tempDir, traceLine } from './lib/common.mjs';
import { Screen } from './lib/screen.mjs';

const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const STEP = LINES / 10;
const BATCH = 5000;
const COLS = 120;
const ROWS = 30;

/** Wait until the process has used less than 20 ms of CPU over 300 ms: it has read what there was. */
async function settled(pid) {
  for (let i = 0; i < 200; i++) {
    const c = cpuMs(pid);
    await sleep(300);
    if (cpuMs(pid) - c < 20) return;
  }
}

async function measure(nodeOptions) {
  const repo = makeRepo();
  const startedAt = new Date(Date.now() - process.uptime() * 1000).toISOString();
  const [task] = cloneTasks(repo, 1, { state: 'running', supervisorPid: process.pid, startedAt });
  const record = path.join(tempDir(), 'screen.jsonl');
  let pid = null;
  const env = nodeOptions ? { NODE_OPTIONS: nodeOptions } : {};
  const run = runPty({ cols: COLS, rows: ROWS, duration: 600, record, env, cmd: ['sh', '-c', 'cd "$1" && exec "$2" "$3"', 'sh', repo, NODE, CLI], onPid: (p) => (pid = p) });
  while (pid === null) await sleep(20);
  await sleep(1500);
  await settled(pid);
  const samples = [[0, round(rssKb(pid) / 1024)]];
  const fd = openSync(task.trace, 'a');
  const t0 = performance.now();
  for (let seq = 1; seq <= LINES; ) {
    let chunk = '';
    for (let i = 0; i < BATCH && seq <= LINES; i++, seq++) chunk += traceLine(task.id, seq, seq === LINES ? 'LAST-LINE-MARKER' : `line ${seq} ${'x'.repeat(60)}`);
    writeSync(fd, chunk);
    if ((seq - 1) % STEP === 0) {
      await settled(pid);
      samples.push([seq - 1, round(rssKb(pid) / 1024)]);
    } else await sleep(5);
  }
  closeSync(fd);
  const seconds = (performance.now() - t0) / 1000;
  process.kill(pid, 'SIGTERM');
  await run;
  const screen = new Screen(COLS, ROWS);
  for (const line of readFileSync(record, 'utf8').split('\n')) if (line) screen.write(Buffer.from(JSON.parse(line).d, 'base64'));
  const after = samples.filter(([n]) => n >= LINES / 4).map(([, mb]) => mb);
  return {
    nodeOptions: nodeOptions ?? '(defaults)',
    seconds: round(seconds),
    lastLineOnScreen: screen.text().includes('LAST-LINE-MARKER'),
    rssMbByLines: samples,
    growthFromQuarterToEndMb: round(Math.max(...after) - Math.min(...after)),
  };
}

const lineBytes = Buffer.byteLength(traceLine('bench-task-000', LINES, `line ${LINES} ${'x'.repeat(60)}`));
console.log(
  JSON.stringify(
    {
      bench: 'memory',
      lines: LINES,
      traceMb: round((LINES * lineBytes) / 1024 / 1024),
      runs: [await measure(null), await measure('--max-old-space-size=40 --max-semi-space-size=2')],
    },
    null,
    2,
  ),
);
