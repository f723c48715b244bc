#!/usr/bin/env node
// Bench: time to the review screen's first diff frame through the engine (file list + first file's diff
// parsed + the visible rows cut to the width) against running `git diff --numstat base...HEAD` and one
// file's `git diff` directly, in the same run, on a repo whose diff is ~100k lines over ~2,000 files.
// Also: a file with 20,000-character lines, and the engine side of paging (reducer + visible rows per key).
// Prints JSON. Usage: npx node bench/review-diff.mjs [--files 2000] [--lines 50] [--runs 7]
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const FILES = arg('files', 2000);
const LINES = arg('lines', 45); // lines per file; every other one changes: ~LINES diff lines per file
const BIG = arg('big', 10_000); // one big file to page through (every other line changed)
const RUNS = arg('runs', 7);
const ROWS = 40;
const COLS = 120;
const run = promisify(execFile);

// The engine, bundled from src/ (the same code the CLI ships).
const out = path.join(root, 'bench/out');
mkdirSync(out, { recursive: true });
await build({
  stdin: {
    contents: [
      "export { createTask } from './src/store/create-task.ts';",
      "export { openSession, writeReviewFiles } from './src/review/open.ts';",
      "export { collectEvidence } from './src/review/evidence.ts';",
      "export { visibleRows, gutterWidth } from './src/core/diff-view.ts';",
      "export { initialReviewState, reviewReducer } from './components/state/review.ts';",
    ].join('\n'),
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  outfile: path.join(out, 'engine.mjs'),
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
const engine = await import(path.join(out, 'engine.mjs'));

const git = (cwd, args) => execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wtagents-bench-'));
try {
  // A repo with FILES files; the task branch rewrites half of each file's lines.
  const repo = path.join(tmp, 'repo');
  mkdirSync(repo);
  git(repo, ['init', '-q', '-b', 'main']);
  git(repo, ['config', 'user.name', 'Bench']);
  git(repo, ['config', 'user.email', 'bench@example.com']);
  git(repo, ['config', 'commit.gpgsign', 'false']);
  const name = (i) => `src/mod${String(i % 40).padStart(2, '0')}/file${String(i).padStart(4, '0')}.ts`;
  const body = (i, v) =>
    Array.from({ length: LINES }, (_, l) => (l % 2 === 0 && v ? `export const v${l} = ${i * 1000 + l} + 1; // changed` : `export const v${l} = ${i * 1000 + l};`)).join('\n') + '\n';
  const write = (dir, v) => {
    for (let i = 0; i < FILES; i++) {
      const f = path.join(dir, name(i));
      mkdirSync(path.dirname(f), { recursive: true });
      writeFileSync(f, body(i, v));
    }
  };
  const longLine = (tag) => `export const blob${tag} = "${'x'.repeat(20_000)}";`;
  const big = (v) => Array.from({ length: BIG }, (_, l) => `row ${l}${v && l % 2 === 0 ? ' changed' : ''}`).join('\n') + '\n';
  write(repo, false);
  writeFileSync(path.join(repo, 'zz-big.txt'), big(false));
  writeFileSync(path.join(repo, 'zz-long.ts'), Array.from({ length: 60 }, (_, i) => longLine(i)).join('\n') + '\n');
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'base']);
  const { record } = await engine.createTask({ repo, cwd: repo, text: 'Bench task' });
  write(record.worktree, true);
  writeFileSync(path.join(record.worktree, 'zz-big.txt'), big(true));
  writeFileSync(path.join(record.worktree, 'zz-long.ts'), Array.from({ length: 60 }, (_, i) => longLine(`${i}_new`)).join('\n') + '\n');
  git(record.worktree, ['add', '-A']);
  git(record.worktree, ['commit', '-q', '-m', 'work']);
  const numstat = git(record.worktree, ['diff', '--numstat', 'main...HEAD']).trim().split('\n');
  const diffLines = numstat.reduce((n, l) => n + Number(l.split('\t')[0]) + Number(l.split('\t')[1]), 0);
  const first = name(0); // the file list is sorted: src/… first, then zz-big.txt and zz-long.ts

  /** Direct git: numstat of the range, then one file's diff (what a hand-made review costs). */
  async function baseline(file) {
    const t0 = performance.now();
    await run('git', ['diff', '--numstat', 'main...HEAD'], { cwd: record.worktree, maxBuffer: 1 << 30 });
    await run('git', ['diff', 'main...HEAD', '--', file], { cwd: record.worktree, maxBuffer: 1 << 30 });
    return performance.now() - t0;
  }
  /** The engine: open the session, load file `index`, cut the first screen of rows. */
  async function firstFrame(index) {
    const t0 = performance.now();
    const session = await engine.openSession(record.taskDir);
    const d = await session.loader.select(index);
    const rows = engine.visibleRows(d.lines, 0, ROWS, COLS, { gutter: engine.gutterWidth(d.lines) });
    const ms = performance.now() - t0;
    session.loader.dispose();
    if (rows.length === 0) throw new Error('empty frame');
    return { ms, session };
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

  // Warm both paths (page cache, git's object cache), then alternate.
  await baseline(first);
  const { session } = await firstFrame(0);
  const files = session.files;
  const iBig = files.findIndex((f) => f.path === 'zz-big.txt');
  const iLong = files.findIndex((f) => f.path === 'zz-long.ts');
  if (files[0].path !== first || iBig < 0 || iLong < 0) throw new Error(`unexpected file list: ${files[0].path}`);
  const base = [];
  const eng = [];
  const baseLong = [];
  const engLong = [];
  for (let r = 0; r < RUNS; r++) {
    base.push(await baseline(first));
    eng.push((await firstFrame(0)).ms);
    baseLong.push(await baseline('zz-long.ts'));
    engLong.push((await firstFrame(iLong)).ms);
  }

  // Engine side of paging: one key = reducer step + the visible rows of the new window.
  async function paging(index, keys) {
    const s0 = await engine.openSession(record.taskDir);
    const d = await s0.loader.select(index);
    s0.loader.dispose();
    const s1 = engine.initialReviewState(ROWS, files.length);
    let st = engine.reviewReducer({ ...s1, selected: index }, { type: 'diffLoaded', index, lines: d.lines });
    const gutter = { gutter: engine.gutterWidth(d.lines) };
    const times = [];
    for (let k = 0; k < keys; k++) {
      const t0 = performance.now();
      st = engine.reviewReducer(st, { type: k % 10 === 9 ? 'pageUp' : 'pageDown' });
      engine.visibleRows(d.lines, st.diffTop, ROWS, COLS, gutter);
      times.push(performance.now() - t0);
    }
    if (st.diffTop === 0) throw new Error('paging did not move');
    return { p95: p95(times), lines: d.lines.length };
  }
  const pagedBig = await paging(iBig, 500);
  const pagedLong = await paging(iLong, 500);

  // Evidence (not on the first-frame path): review files written, then secrets/tests/scope over the whole patch.
  const evidenceMs = [];
  let risks = 0;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const s = await engine.openSession(record.taskDir);
    const { patch } = await engine.writeReviewFiles(s);
    const ev = await engine.collectEvidence(record.taskDir, s, patch);
    evidenceMs.push(performance.now() - t0);
    risks = ev.risks.length;
  }

  const mBase = median(base);
  const mEng = median(eng);
  // The machine is shared: pair each engine run with the git run just before it, and take the median ratio.
  const paired = median(eng.map((e, i) => e / base[i]));
  const pairedLong = median(engLong.map((e, i) => e / baseLong[i]));
  const result = {
    bench: 'review-diff',
    repo: { files: numstat.length, diffLines, longLineChars: 20_000 + 30 },
    runs: RUNS,
    firstFrame: {
      gitDirectMs: round(mBase),
      engineMs: round(mEng),
      minGitDirectMs: round(Math.min(...base)),
      minEngineMs: round(Math.min(...eng)),
      ratio: round(paired, 3),
      ratioOfMedians: round(mEng / mBase, 3),
      target: 1.2,
      pass: paired <= 1.2,
    },
    longLines: {
      gitDirectMs: round(median(baseLong)),
      engineMs: round(median(engLong)),
      ratio: round(pairedLong, 3),
    },
    openWithEvidence: { ms: round(median(evidenceMs)), riskFlags: risks, note: 'diff.patch + stat.txt written, evidence over the whole patch' },
    pagingEngineOnly: {
      note: 'reducer + visible rows per key; key-to-frame through the real screen: bench/review-keys.mjs',
      keys: 500,
      p95Ms: round(pagedBig.p95, 4),
      diffLines: pagedBig.lines,
      p95MsLongLines: round(pagedLong.p95, 4),
    },
    node: process.version,
    git: git(repo, ['--version']).trim(),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

function round(x, digits = 1) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
