// A big repository for the scale benches, made without network and the same every time: ~2,000 JavaScript
// files in 40 packages on `main`, a branch `bench/big` whose diff against main is ~130k lines over ~1,900
// files (+~102k −~28k: hunks in most files, new files, deleted files), and a branch `bench/small` with a
// 10-line diff. Content comes from a seeded generator and commits have fixed dates, so the commit ids are
// the same on every run. Written with `git fast-import` (a few seconds).
// Usage as a script: node bench/lib/big-repo.mjs DIR   (prints the repo's figures as JSON)
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };
const git = (cwd, args, input) => execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8', maxBuffer: 1 << 30, ...(input ? { input } : {}) });

/** mulberry32: a small deterministic PRNG. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['value', 'state', 'item', 'config', 'result', 'entry', 'node', 'token', 'buffer', 'handler', 'request', 'options', 'index', 'cache', 'event', 'record'];
const VERBS = ['load', 'parse', 'render', 'update', 'merge', 'check', 'format', 'resolve', 'build', 'emit'];

/** One line of plausible JavaScript, from the generator `r`. */
function codeLine(r, tag) {
  const w = () => WORDS[Math.floor(r() * WORDS.length)];
  const v = () => VERBS[Math.floor(r() * VERBS.length)];
  switch (Math.floor(r() * 6)) {
    case 0:
      return `  const ${w()}${tag} = ${v()}${w()[0].toUpperCase()}${w().slice(1)}(${w()}, ${Math.floor(r() * 1000)});`;
    case 1:
      return `  if (${w()}.${w()} === ${Math.floor(r() * 100)}) return ${v()}(${w()});`;
    case 2:
      return `  // ${v()} the ${w()} before the ${w()} (${tag})`;
    case 3:
      return `  for (const ${w()} of ${w()}s) ${v()}(${w()}, ${w()});`;
    case 4:
      return `  ${w()}.${v()}({ ${w()}: ${Math.floor(r() * 1e6)}, ${w()}: '${w()}-${tag}' });`;
    default:
      return `  export function ${v()}${tag}(${w()}, ${w()}) { return ${w()} ?? ${w()}; }`;
  }
}

const FILES = 2000;
const PACKAGES = 40;
const NEW_FILES = 50;
const DELETED = 7;
const MODIFIED = 1850;

const filePath = (i) => `packages/pkg-${String(i % PACKAGES).padStart(2, '0')}/src/${WORDS[i % WORDS.length]}-${String(i).padStart(4, '0')}.js`;

/** The base content of file i (20–120 lines). */
function baseFile(i) {
  const r = prng(1000 + i);
  const n = 20 + Math.floor(r() * 101);
  const lines = [`// ${filePath(i)}: generated for the wtagents scale benches`];
  for (let l = 1; l < n; l++) lines.push(codeLine(r, `${i}_${l}`));
  return lines;
}

/** File i on the big branch: three hunks, each removing ~5 lines and adding ~17. */
function changedFile(i, lines) {
  const r = prng(5000 + i);
  const out = [...lines];
  for (let h = 2; h >= 0; h--) {
    const at = Math.floor(((h + 0.5) * out.length) / 3);
    const remove = Math.min(out.length - at, 4 + Math.floor(r() * 4));
    const add = Array.from({ length: 13 + Math.floor(r() * 9) }, (_, k) => codeLine(r, `${i}_n${h}_${k}`));
    out.splice(at, remove, ...add);
  }
  return out;
}

function data(text) {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

function commit(ref, mark, from, time, message, changes) {
  const who = `Bench <bench@example.com> ${time} +0000`;
  return `commit ${ref}\nmark :${mark}\nauthor ${who}\ncommitter ${who}\n${data(message)}${from ? `from ${from}\n` : ''}${changes.join('')}`;
}

const put = (p, lines) => `M 100644 inline ${p}\n${data(`${lines.join('\n')}\n`)}`;

/** Make the repository in `dir/repo` (dir must exist). Returns its path, branch names and diff figures. */
export function makeBigRepo(dir) {
  const repo = path.join(dir, 'repo');
  mkdirSync(repo, { recursive: true });
  git(repo, ['init', '-q', '-b', 'main']);
  git(repo, ['config', 'user.name', 'Bench']);
  git(repo, ['config', 'user.email', 'bench@example.com']);
  git(repo, ['config', 'commit.gpgsign', 'false']);
  const base = Array.from({ length: FILES }, (_, i) => baseFile(i));
  const parts = [];
  parts.push(commit('refs/heads/main', 1, null, 1700000000, 'base: the monorepo', [put('README.md', ['# bench monorepo']), ...base.map((lines, i) => put(filePath(i), lines))]));
  // Files 0..MODIFIED-1 change, the last DELETED go, NEW_FILES appear.
  const big = [];
  for (let i = 0; i < MODIFIED; i++) big.push(put(filePath(i), changedFile(i, base[i])));
  for (let i = FILES - DELETED; i < FILES; i++) big.push(`D ${filePath(i)}\n`);
  for (let k = 0; k < NEW_FILES; k++) {
    const r = prng(9000 + k);
    big.push(put(`packages/pkg-new/src/feature-${String(k).padStart(2, '0')}.js`, Array.from({ length: 200 }, (_, l) => codeLine(r, `f${k}_${l}`))));
  }
  parts.push(commit('refs/heads/bench/big', 2, ':1', 1700000100, 'work: the big change', big));
  // The small branch: five lines of one file rewritten (a 10-line diff).
  const small = [...base[0]];
  for (let l = 5; l < 10; l++) small[l] = `${small[l]} // reviewed`;
  parts.push(commit('refs/heads/bench/small', 3, ':1', 1700000200, 'work: a small change', [put(filePath(0), small)]));
  git(repo, ['fast-import', '--quiet'], parts.join(''));
  git(repo, ['reset', '-q', '--hard', 'main']);
  return { repo, base: 'main', big: 'bench/big', small: 'bench/small', bigDiff: diffFigures(repo, 'main...bench/big'), smallDiff: diffFigures(repo, 'main...bench/small') };
}

/** Files, lines added and removed of a range, from `git diff --numstat`. */
export function diffFigures(repo, range) {
  const rows = git(repo, ['diff', '--numstat', range]).trim().split('\n').filter(Boolean);
  let added = 0;
  let removed = 0;
  for (const row of rows) {
    const [a, d] = row.split('\t');
    added += Number(a) || 0;
    removed += Number(d) || 0;
  }
  return { files: rows.length, added, removed, lines: added + removed };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node bench/lib/big-repo.mjs DIR');
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const made = makeBigRepo(path.resolve(dir));
  const ids = Object.fromEntries(['main', 'bench/big', 'bench/small'].map((b) => [b, git(made.repo, ['rev-parse', b]).trim()]));
  console.log(JSON.stringify({ ...made, ids, ms: Math.round(performance.now() - t0) }, null, 2));
}
