// Key-to-frame on the real review screen: `wtagents review ID` (the built CLI) in a pty on a task whose diff
// has a 20,000-line file and a file of 20,000-character lines; keys are typed one at a time and each is timed
// from the write to the last byte of the frame it causes (p50/p95). Also the first diff frame through the
// screen (from spawn, Node start included) beside `git diff --numstat` + one file's `git diff` run directly
// and the dashboard's first frame.
// Prints JSON. Env: BENCH_KEYS (keys per file, default 200), BENCH_RUNS (first-frame runs, default 5).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, GIT_ENV, NODE, percentile, ROOT, round, runPty, tempDir } from './lib/common.mjs';

const KEYS = Number(process.env.BENCH_KEYS ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BIG_LINES = 20_000;
const LONG_LINES = 300;
const LONG_CHARS = 20_000;
const SMALL_FILES = 300;
const COLS = 120;
const ROWS = 40;

const env = { ...process.env, ...GIT_ENV };
const git = (cwd, args) => execFileSync('git', args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 30 });
const write = (dir, name, text) => {
  const f = path.join(dir, name);
  mkdirSync(path.dirname(f), { recursive: true });
  writeFileSync(f, text);
};

// The repo: a-big.txt (every other line changes), b-long.ts (every line changes, 20k characters each),
// and SMALL_FILES ordinary files; the task branch changes them all.
const repo = path.join(tempDir(), 'repo');
mkdirSync(repo);
git(repo, ['init', '-q', '-b', 'main']);
git(repo, ['config', 'user.name', 'Bench']);
git(repo, ['config', 'user.email', 'bench@example.com']);
const bigText = (v) => Array.from({ length: BIG_LINES }, (_, i) => `row ${i}${v && i % 2 === 0 ? ' changed' : ''}`).join('\n') + '\n';
const longText = (v) => Array.from({ length: LONG_LINES }, (_, i) => `export const s${i} = "${(v ? 'y' : 'x').repeat(LONG_CHARS)}";`).join('\n') + '\n';
const small = (i, v) => Array.from({ length: 30 }, (_, l) => `export const v${l} = ${i * 100 + l}${v && l % 3 === 0 ? ' + 1' : ''};`).join('\n') + '\n';
write(repo, 'a-big.txt', bigText(false));
write(repo, 'b-long.ts', longText(false));
for (let i = 0; i < SMALL_FILES; i++) write(repo, `src/m${i % 20}/f${i}.ts`, small(i, false));
git(repo, ['add', '-A']);
git(repo, ['commit', '-q', '-m', 'base']);
const task = JSON.parse(execFileSync(NODE, [CLI, 'new', '--task', 'Bench review', '--json'], { cwd: repo, env, encoding: 'utf8' }));
write(task.worktree, 'a-big.txt', bigText(true));
write(task.worktree, 'b-long.ts', longText(true));
for (let i = 0; i < SMALL_FILES; i++) write(task.worktree, `src/m${i % 20}/f${i}.ts`, small(i, true));
git(task.worktree, ['add', '-A']);
git(task.worktree, ['commit', '-q', '-m', 'work']);
const numstat = git(repo, ['diff', '--numstat', `main...${task.branch}`]).trim().split('\n');
const diffLines = numstat.reduce((n, l) => n + Number(l.split('\t')[0]) + Number(l.split('\t')[1]), 0);

const screenCmd = ['sh', '-c', 'cd "$1" && shift && exec "$@"', 'sh', repo, NODE, CLI, 'review', task.id];
const dashboardCmd = screenCmd.slice(0, -2);

// Keys: page down the big file (space, a `b` every tenth key); `]` to the long-line file (~17 pages), paged
// down and up eight pages at a time so that every key moves.
const big = Array.from({ length: KEYS }, (_, i) => ({ bytes: i % 10 === 9 ? 'b' : ' ', label: 'big' }));
const long = Array.from({ length: KEYS }, (_, i) => ({ bytes: Math.floor(i / 8) % 2 === 0 ? ' ' : 'b', label: 'long' }));
const keys = [...big, { bytes: ']', label: 'nextFile' }, ...long];
const keysFile = path.join(tempDir(), 'keys.json');
writeFileSync(keysFile, JSON.stringify(keys));

const timing = await new Promise((resolve, reject) => {
  const args = [path.join(ROOT, 'bench/lib/pty-keys.py'), '--cols', String(COLS), '--rows', String(ROWS), '--ready', 'diff --git', '--settle', '(e: the evidence)', '--keys', keysFile, '--', ...screenCmd];
  const child = spawn('python3', args, { env: { ...env, TERM: 'xterm-256color' }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.on('error', reject);
  child.on('close', (code) => {
    try {
      resolve(JSON.parse(out.trim().split('\n').at(-1)));
    } catch {
      reject(new Error(`pty-keys failed (${code}): ${out}`));
    }
  });
});
if (timing.readyMs === null) throw new Error('the review screen never showed a diff');

const stats = (label) => {
  const ks = timing.keys.filter((k) => k.label === label);
  const frames = ks.filter((k) => k.frameMs !== null).map((k) => k.frameMs);
  return {
    keys: ks.length,
    missedFrames: ks.length - frames.length,
    p50Ms: round(percentile(frames, 50), 2),
    p95Ms: round(percentile(frames, 95), 2),
    maxMs: round(percentile(frames, 100), 2),
    firstByteP95Ms: round(percentile(ks.filter((k) => k.firstMs !== null).map((k) => k.firstMs), 95), 2),
  };
};

// First diff frame through the screen (a fresh process each time) beside git doing the same reads directly.
const firstFrame = [];
const gitDirect = [];
const dashboard = [];
for (let r = 0; r < RUNS + 1; r++) {
  const t0 = performance.now();
  git(repo, ['diff', '--numstat', `main...${task.branch}`]);
  git(repo, ['diff', `main...${task.branch}`, '--', 'a-big.txt']);
  const g = performance.now() - t0;
  const p = await runPty({ cols: COLS, rows: ROWS, marker: 'diff --git', duration: 30, cmd: screenCmd });
  if (p.markerMs === null) throw new Error('no first diff frame');
  const d = await runPty({ cols: COLS, rows: ROWS, marker: 'q quit', duration: 30, cmd: dashboardCmd });
  if (d.markerMs === null) throw new Error('no dashboard frame');
  if (r === 0) continue; // warm the caches first
  gitDirect.push(g);
  firstFrame.push(p.markerMs);
  dashboard.push(d.markerMs);
}
const nodeStart = [];
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  execFileSync(NODE, ['-e', '0']);
  nodeStart.push(performance.now() - t0);
}

const big20k = stats('big');
const longLines = stats('long');
console.log(
  JSON.stringify(
    {
      bench: 'review-keys',
      terminal: `${COLS}x${ROWS}`,
      repo: { files: numstat.length, diffLines, bigFileLines: BIG_LINES, longLineChars: LONG_CHARS, longLines: LONG_LINES },
      keyToFrame: { ...big20k, target: 'p95 <= 30 ms' },
      keyToFrameLongLines: { ...longLines, note: 'the same keys on a file whose every line is 20,000 characters' },
      longVsShortP95: round(longLines.p95Ms / big20k.p95Ms, 2),
      fileSwitchMs: round(timing.keys.find((k) => k.label === 'nextFile')?.frameMs ?? null, 2),
      firstDiffFrame: {
        runs: RUNS,
        screenMs: round(percentile(firstFrame, 50)),
        gitDirectMs: round(percentile(gitDirect, 50)),
        dashboardFirstFrameMs: round(percentile(dashboard, 50)),
        nodeStartMs: round(percentile(nodeStart, 50)),
        note: 'screen: spawn of `wtagents review ID` to the first diff row on the pty (Node start and the TUI load included); gitDirect: numstat + the first file’s diff run directly; dashboard: spawn of `wtagents` to its first frame, for scale',
      },
      pass: big20k.p95Ms !== null && big20k.p95Ms <= 30 && big20k.missedFrames === 0,
    },
    null,
    2,
  ),
);
