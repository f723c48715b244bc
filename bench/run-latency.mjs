// Bench: how fast `wtagents run` returns, how soon the agent starts, and how long an agent's printed line
// takes to reach trace.jsonl. Prints JSON. Baseline in the same run: `wtagents --version` (bare CLI start).
// Usage: npm run build && node bench/run-latency.mjs [runs=5]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'dist', 'wtagents.js');
const TICKER = path.join(ROOT, 'tests', 'fixtures', 'agents', 'ticker.sh');
const RUNS = Number(process.argv[2] ?? 5);
const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1' };

const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'wt-bench-')));
const repo = path.join(dir, 'repo');
const git = (...args) => execFileSync('git', args, { cwd: repo, env, stdio: 'pipe' });
execFileSync('git', ['init', '-q', '-b', 'main', repo], { env });
git('config', 'user.name', 'Bench');
git('config', 'user.email', 'bench@example.com');
writeFileSync(path.join(repo, 'README.md'), '# bench\n');
git('add', '-A');
git('commit', '-q', '-m', 'first');

function cli(args) {
  const t0 = performance.now();
  const startedAt = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: repo, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wtagents ${args.join(' ')}: ${r.stderr}`);
  return { ms: performance.now() - t0, startedAt, stdout: r.stdout };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const r = (x) => Math.round(x * 10) / 10;
  return { n: s.length, min: r(s[0]), median: r(q(0.5)), p95: r(q(0.95)), max: r(s.at(-1)) };
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function settled(taskDir) {
  for (let i = 0; i < 600; i++) {
    const t = JSON.parse(readFileSync(path.join(taskDir, 'task.json'), 'utf8'));
    if (t.state !== 'running') return t;
    await sleep(50);
  }
  throw new Error('task did not finish');
}

const version = [];
for (let i = 0; i < RUNS; i++) version.push(cli(['--version']).ms);

const runMs = [];
const toAgentStart = [];
const printToTrace = [];
for (let i = 0; i < RUNS; i++) {
  const task = JSON.parse(cli(['new', `bench ${i}`, '--agent-command', `bash '${TICKER}' 10 0.1`, '--json']).stdout);
  const run = cli(['run', task.id]);
  runMs.push(run.ms);
  const done = await settled(task.taskDir);
  if (done.state !== 'done') throw new Error(`bench task ended ${done.state}`);
  const events = readFileSync(path.join(task.taskDir, 'trace.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const started = events.find((e) => e.type === 'agent.started');
  toAgentStart.push(Date.parse(started.ts) - run.startedAt);
  for (const e of events) {
    const m = e.type === 'agent.output' && /^tick (\d+)$/.exec(e.text);
    if (m) printToTrace.push(Date.parse(e.ts) - Number(m[1]));
  }
}
rmSync(dir, { recursive: true, force: true });

const result = {
  bench: 'run-latency',
  node: process.version,
  cpus: os.cpus().length,
  loadavg1: Math.round(os.loadavg()[0] * 100) / 100,
  baselineVersionMs: stats(version),
  runCommandMs: stats(runMs),
  runVsBaseline: Math.round((stats(runMs).median / stats(version).median) * 100) / 100,
  runToAgentStartedMs: stats(toAgentStart),
  printToTraceMs: stats(printToTrace),
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
