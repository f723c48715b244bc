// Scale bench, review side, on the generated big repository (bench/lib/big-repo.mjs: ~2,000 files, a
// ~130k-line branch diff, and a 10-line one): `wtagents review ID` from spawn to the first hunk on a 120×35
// pty (its first paint) against a bare Ink hello-world (bundled the same way) in the same run, for both diffs,
// and to the TUI's own first frame; `review --stat`
// against `git diff --stat` on the same range; paging key → frame on the big diff. Prints JSON with each
// issue-13 target as a ratio and whether it is met. Env: BENCH_RUNS (default 7), BENCH_KEYS (files paged, 100).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, NODE, percentile, ROOT, round, tempDir } from './lib/common.mjs';
import { alternate, bigRepo, bundleHello, ENV, git, median, ptyMs, runMs, spread, target, taskOn } from './lib/scale.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PAGED_FILES = Number(process.env.BENCH_KEYS ?? 100);
const COLS = 120;
const ROWS = 35;

const hello = await bundleHello();
const made = bigRepo();
const { repo } = made;
const big = taskOn(repo, 'Big change', made.big);
const small = taskOn(repo, 'Small change', made.small);

/** The first added line of the task's first file: on screen means the first hunk is. */
function firstHunkMarker(task) {
  const first = git(repo, ['diff', '--name-only', `main...${task.branch}`]).split('\n')[0];
  const line = git(repo, ['diff', `main...${task.branch}`, '--', first])
    .split('\n')
    .find((l) => l.startsWith('+') && !l.startsWith('+++'));
  return line.slice(1).trim().slice(0, 28);
}
const markers = { big: firstHunkMarker(big), small: firstHunkMarker(small) };
const review = (task) => [NODE, CLI, 'review', task.id];
/** Text only the TUI's frame has (the review's footer of keys), not the first paint. */
const TUI_FOOTER = 'space/b page';

const times = await alternate(
  {
    hello: (warm) => ptyMs([NODE, hello], 'Hello, world', repo, { cols: COLS, rows: ROWS, ...(warm ? { quit: '\x03' } : {}) }),
    reviewBig: (warm) => ptyMs(review(big), markers.big, repo, { cols: COLS, rows: ROWS, ...(warm ? { quit: '\x03' } : {}) }), // ctrl-c exits (q only goes back), and an exit writes the compile cache
    reviewSmall: () => ptyMs(review(small), markers.small, repo, { cols: COLS, rows: ROWS }),
    // The first hunk comes first as a paint (src/core/first-paint.ts); the TUI's own first frame (its footer of
    // keys) follows: reported beside the target, for what it costs.
    reviewBigTui: () => ptyMs(review(big), TUI_FOOTER, repo, { cols: COLS, rows: ROWS }),
    gitStat: () => runMs('git', ['diff', '--stat', `main...${big.branch}`], repo),
    reviewStat: () => runMs(NODE, [CLI, 'review', big.id, '--stat'], repo),
    gitStatSmall: () => runMs('git', ['diff', '--stat', `main...${small.branch}`], repo),
    reviewStatSmall: () => runMs(NODE, [CLI, 'review', small.id, '--stat'], repo),
  },
  RUNS,
);

// Paging on the big diff: per file, a page down, a page up and `]` to the next file.
const keys = [];
for (let f = 0; f < PAGED_FILES; f++) keys.push({ bytes: ' ', label: 'page' }, { bytes: 'b', label: 'page' }, { bytes: ']', label: 'nextFile' });
const keysFile = path.join(tempDir(), 'keys.json');
writeFileSync(keysFile, JSON.stringify(keys));
const paging = await new Promise((resolve, reject) => {
  const args = [path.join(ROOT, 'bench/lib/pty-keys.py'), '--cols', String(COLS), '--rows', String(ROWS), '--ready', markers.big, '--settle', '(e: the evidence)', '--keys', keysFile, '--', 'sh', '-c', 'cd "$1" && shift && exec "$@"', 'sh', repo, ...review(big)];
  const child = spawn('python3', args, { env: { ...ENV, TERM: 'xterm-256color' }, stdio: ['ignore', 'pipe', 'inherit'] });
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
const frames = (label) => paging.keys.filter((k) => (label ? k.label === label : true) && k.frameMs !== null).map((k) => k.frameMs);
const allFrames = frames();
const pagingP95 = percentile(allFrames, 95);

// Pair each run with the reference run just before it (the machine is shared) and take the median ratio.
const paired = (a, b) => median(times[a].map((x, i) => x / times[b][i]));
const result = {
  bench: 'scale-review',
  terminal: `${COLS}x${ROWS}`,
  runs: RUNS,
  repo: { bigDiff: made.bigDiff, smallDiff: made.smallDiff },
  ms: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, spread(v)])),
  paging: {
    keys: paging.keys.length,
    missedFrames: paging.keys.length - allFrames.length,
    pageP95Ms: round(percentile(frames('page'), 95), 1),
    nextFileP95Ms: round(percentile(frames('nextFile'), 95), 1),
  },
  targets: [
    target('review first hunk / bare Ink hello (130k-line diff)', paired('reviewBig', 'hello'), 1.3, { note: `the TUI's own first frame (over the paint): ${round(paired('reviewBigTui', 'hello'), 2)}× hello` }),
    target('review first hunk / bare Ink hello (10-line diff)', paired('reviewSmall', 'hello'), 1.3),
    target('review --stat / git diff --stat (130k-line diff)', paired('reviewStat', 'gitStat'), 1.5, { note: `review --stat on the 10-line diff: ${round(paired('reviewStatSmall', 'gitStatSmall'), 2)}× git (Node start dominates)` }),
    target('review paging key → frame p95 ms (130k-line diff)', pagingP95, 30, { missedFrames: paging.keys.length - allFrames.length }),
  ],
  load: (await import('node:os')).loadavg().map((x) => round(x, 2)),
};
console.log(JSON.stringify(result, null, 2));
