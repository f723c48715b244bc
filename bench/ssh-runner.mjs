// Bench: the SSH runner against the local runner, in one run: 10 tasks each (sequential), a real sshd on
// 127.0.0.1 as the host. Prints JSON: start → done per task, agent print → line in the local trace, and the
// SSH overhead per task (median ssh − median local). Usage: npm run build && node bench/ssh-runner.mjs [tasks=10]
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { CLI, GIT_ENV, NODE, tempDir } from './lib/common.mjs';
import { startSshd, sshdUnavailable } from '../tests/helpers/sshd.ts';

const TASKS = Number(process.argv[2] ?? 10);
const why = sshdUnavailable();
if (why) {
  console.log(JSON.stringify({ bench: 'ssh-runner', skipped: why }));
  process.exit(0);
}
const env = { ...process.env, ...GIT_ENV, NO_COLOR: '1' };
const sshd = await startSshd();
const hostDir = path.join(tempDir('wt-bench-host-'), 'runner');
const repo = path.join(tempDir(), 'repo');
mkdirSync(path.join(repo, '.wtagents'), { recursive: true });
const git = (...args) => execFileSync('git', args, { cwd: repo, env, stdio: 'pipe' });
git('init', '-q', '-b', 'main');
git('config', 'user.name', 'Bench');
git('config', 'user.email', 'bench@example.com');
writeFileSync(path.join(repo, 'README.md'), '# bench\n');
git('add', 'README.md');
git('commit', '-q', '-m', 'first');
writeFileSync(path.join(repo, '.git', 'info', 'exclude'), '.wtagents/\n');
writeFileSync(
  path.join(repo, '.wtagents', 'config.json'),
  JSON.stringify({ runners: { box: { ssh: sshd.host, sshConfig: sshd.configFile, dir: hostDir, node: NODE } } }),
);
const agent = `cat >/dev/null; echo "mark $(date +%s%3N)"; echo done`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const r = (x) => Math.round(x);
  return { n: s.length, min: r(s[0]), median: r(q(0.5)), p95: r(q(0.95)), max: r(s.at(-1)) };
};

async function one(i, on) {
  const t0 = Date.now();
  const r = spawnSync(NODE, [CLI, 'new', `bench ${on} ${i}`, '--agent-command', agent, '--on', on, '--run', '--json'], { cwd: repo, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`new --on ${on}: ${r.stderr}`);
  const task = JSON.parse(r.stdout);
  const trace = path.join(task.taskDir, 'trace.jsonl');
  let seenMark = null;
  for (let k = 0; k < 12_000; k++) {
    const text = readFileSync(trace, 'utf8');
    if (seenMark === null) {
      const m = /"text":"mark (\d+)"/.exec(text);
      if (m) seenMark = Date.now() - Number(m[1]);
    }
    const rec = JSON.parse(readFileSync(path.join(task.taskDir, 'task.json'), 'utf8'));
    if (['done', 'failed', 'stopped', 'interrupted'].includes(rec.state) && !rec.processes?.supervisor) {
      if (rec.state !== "done") throw new Error(`task ${task.id} ended ${rec.state}: ${readFileSync(trace, "utf8").split("\n").filter((l) => l.includes("error") || l.includes("task.state")).slice(-3).join("\n")}`);
      return { startToDone: Date.now() - t0, printToTrace: seenMark ?? NaN };
    }
    await sleep(10);
  }
  throw new Error(`task ${task.id} did not finish`);
}

const results = { local: [], box: [] };
for (let i = 0; i < TASKS; i++) {
  // Interleaved, so a change in the machine's load falls on both.
  results.local.push(await one(i, 'local'));
  results.box.push(await one(i, 'box'));
}
await sshd.close();
const summary = (rs) => ({ startToDoneMs: stats(rs.map((r) => r.startToDone)), printToTraceMs: stats(rs.map((r) => r.printToTrace)) });
const local = summary(results.local);
const ssh = summary(results.box);
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(
  JSON.stringify({
    bench: 'ssh-runner',
    tasks: TASKS,
    load,
    local,
    ssh,
    sshOverheadPerTaskMs: ssh.startToDoneMs.median - local.startToDoneMs.median,
    traceLatencyRatio: Math.round((ssh.printToTraceMs.median / Math.max(1, local.printToTraceMs.median)) * 100) / 100,
  }),
);
