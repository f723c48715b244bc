// Shared by the benches: temp repos with tasks written as a supervisor would, a pty runner, /proc readings, stats.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** The CLI the benches run: dist/ of this checkout, or another build ($WTAGENTS_BENCH_CLI) to compare with. */
export const CLI = process.env.WTAGENTS_BENCH_CLI ?? path.join(ROOT, 'dist', 'wtagents.js');
export const NODE = process.execPath;
export const GIT_ENV = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };

const temps = [];
export function tempDir(prefix = 'wt-bench-') {
  const d = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  temps.push(d);
  return d;
}
process.on('exit', () => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

function git(cwd, args) {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
}

/** A repo with one real task made by the CLI (dry-run), used as the template for more. */
export function makeRepo() {
  const repo = path.join(tempDir(), 'repo');
  mkdirSync(repo);
  git(repo, ['init', '-q', '-b', 'main']);
  git(repo, ['config', 'user.name', 'Bench']);
  git(repo, ['config', 'user.email', 'bench@example.com']);
  writeFileSync(path.join(repo, 'README.md'), '# bench\n');
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'first']);
  execFileSync(NODE, [CLI, 'new', '--mode', 'dry-run', '--task', 'template task'], { cwd: repo, env: { ...process.env, ...GIT_ENV } });
  return repo;
}

/**
 * Write `n` more task directories from the template (as `wtagents new` + a supervisor would leave them).
 * `template`: the task directory to copy (default: the repo's template-task); `worktrees`: real worktrees the
 * copies point at in turn (default: each its own, which does not exist).
 */
export function cloneTasks(repo, n, { state = 'ready', supervisorPid, startedAt, template: from, worktrees } = {}) {
  const tasksDir = path.join(repo, '.wtagents', 'tasks');
  const template = JSON.parse(readFileSync(path.join(from ?? path.join(tasksDir, 'template-task'), 'task.json'), 'utf8'));
  const made = [];
  const base = Date.now() - n * 1000;
  for (let i = 0; i < n; i++) {
    const id = `bench-task-${String(i).padStart(3, '0')}`;
    const taskDir = path.join(tasksDir, id);
    mkdirSync(taskDir, { recursive: true });
    const createdAt = new Date(base + i * 1000).toISOString();
    const record = { ...template, id, title: `Bench task ${i}`, taskDir, worktree: worktrees?.length ? worktrees[i % worktrees.length] : path.join(taskDir, 'worktrees', id), branch: `wtagents/${id}`, createdAt, updatedAt: createdAt, state, processes: supervisorPid ? { supervisor: { pid: supervisorPid, startedAt } } : {} };
    writeFileSync(path.join(taskDir, 'task.json'), JSON.stringify(record, null, 2));
    writeFileSync(path.join(taskDir, 'trace.jsonl'), '');
    made.push({ id, taskDir, trace: path.join(taskDir, 'trace.jsonl') });
  }
  return made;
}

/** One stamped trace line, as the trace writer would write it. */
export function traceLine(task, seq, text) {
  return `${JSON.stringify({ v: 1, ts: new Date().toISOString(), task, seq, round: 1, type: 'agent.message', text })}\n`;
}

/**
 * Run `cmd` in a pty of cols×rows (bench/lib/run-in-pty.py). Resolves when it ends with
 * { pid, markerMs, bytes }; `onPid` is called as soon as the child runs.
 */
export function runPty({ cols = 100, rows = 30, marker, duration = 30, record, quit, cmd, env, onPid }) {
  const args = [path.join(ROOT, 'bench/lib/run-in-pty.py'), '--cols', String(cols), '--rows', String(rows), '--duration', String(duration)];
  if (marker) args.push('--marker', marker);
  if (record) args.push('--record', record);
  if (quit) args.push('--quit', quit);
  args.push('--', ...cmd);
  return new Promise((resolve, reject) => {
    const child = spawn('python3', args, { env: { ...process.env, ...GIT_ENV, TERM: 'xterm-256color', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let pid = null;
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^PID (\d+)$/m.exec(out);
      if (m && pid === null) {
        pid = Number(m[1]);
        onPid?.(pid);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1);
      try {
        resolve({ pid, ...JSON.parse(last) });
      } catch {
        reject(new Error(`pty runner failed (${code}): ${out}`));
      }
    });
  });
}

/** CPU time (ms) a process has used, from /proc. */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
}

/** CPU time (ms) a process and its finished children (git, for one) have used, from /proc. */
export function cpuMsWithChildren(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 1000) / 100;
}

/** Resident memory (KiB) of a process, from /proc. */
export function rssKb(pid) {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : null;
}

export function percentile(values, p) {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const round = (x, d = 1) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
