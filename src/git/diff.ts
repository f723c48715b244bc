// The git diff layer of the review gate: file list (--raw --numstat -z -M), one file's diff that can be
// cancelled (the git process is killed), the whole patch, --stat, blob sizes, and the raw -z diff.
import { parseDiffList, type DiffFile } from '../core/diff-parse.js';
import { gitExec, gitOk, gitTry, type GitExecOptions } from './exec.js';

/** Options every diff we show shares: no colour, no external diff tool, renames detected. */
const SHOW = ['--no-color', '--no-ext-diff', '-M'];

/** The changed files between two commits (e.g. merge base and task branch tip), or of one `a...b` range (`to` null). */
export async function diffFileList(repo: string, from: string, to: string | null, opts: GitExecOptions = {}): Promise<DiffFile[]> {
  const revs = to === null ? [from] : [from, to];
  const out = await gitOk(repo, ['diff', ...SHOW, '--raw', '--numstat', '-z', '--no-abbrev', ...revs, '--'], opts);
  return parseDiffList(out);
}

/**
 * The changed files without their line counts (`--raw` compares trees only, no file contents but those of
 * rename candidates): ~10× faster than `diffFileList` on a big diff; what the review's first frame waits for.
 */
/** The arguments diffFileNames runs git with (src/bin.ts starts the same run early). */
export function diffFileNamesArgs(from: string, to: string | null): string[] {
  return ['diff', ...SHOW, '--raw', '-z', '--no-abbrev', ...(to === null ? [from] : [from, to]), '--'];
}

export async function diffFileNames(repo: string, from: string, to: string | null, opts: GitExecOptions = {}): Promise<DiffFile[]> {
  const out = await gitOk(repo, diffFileNamesArgs(from, to), opts);
  return parseDiffList(out).map((f) => ({ ...f, uncounted: true as const }));
}

/** Pathspecs naming exactly these paths (no glob or magic interpretation of their characters). */
export function literal(paths: readonly string[]): string[] {
  return paths.map((p) => `:(literal)${p}`);
}

/** The arguments diffOneFile runs git with (src/bin.ts starts the first file's early). */
export function diffOneFileArgs(from: string, to: string, file: DiffFile): string[] {
  const paths = file.oldPath !== undefined && file.oldPath !== file.path ? [file.oldPath, file.path] : [file.path];
  return ['diff', ...SHOW, from, to, '--', ...literal(paths)];
}

/** The unified diff of one file (both sides of a rename), as git prints it. Abort `signal` to kill git. */
export async function diffOneFile(repo: string, from: string, to: string, file: DiffFile, opts: GitExecOptions = {}): Promise<string> {
  return gitOk(repo, diffOneFileArgs(from, to, file), opts);
}

/** The whole diff (of two commits, or of one `a...b` range with `to` null). `binary: true` makes a patch `git apply` can replay exactly (binary files included). */
export async function diffPatch(repo: string, from: string, to: string | null, { binary = false, ...opts }: GitExecOptions & { binary?: boolean } = {}): Promise<string> {
  const extra = binary ? ['--binary', '--full-index', '--no-textconv'] : [];
  return gitOk(repo, ['diff', ...SHOW, ...extra, from, ...(to === null ? [] : [to]), '--'], opts);
}

/** `git diff --stat` between two commits (or of one `a...b` range, `to` null). */
export async function diffStat(repo: string, from: string, to: string | null, opts: GitExecOptions = {}): Promise<string> {
  return gitOk(repo, ['diff', ...SHOW, '--stat=200', from, ...(to === null ? [] : [to]), '--'], opts);
}

const ZERO = /^0+$/;

/** Byte sizes of blobs by object id (ids that are missing or all zeros are left out). */
export async function blobSizes(repo: string, shas: readonly string[]): Promise<Map<string, number>> {
  const wanted = [...new Set(shas.filter((s) => /^[0-9a-f]{40,64}$/.test(s) && !ZERO.test(s)))];
  const sizes = new Map<string, number>();
  if (wanted.length === 0) return sizes;
  const out = await gitOk(repo, ['cat-file', '--batch-check=%(objectname) %(objectsize)'], { input: `${wanted.join('\n')}\n` });
  for (const line of out.split('\n')) {
    const [sha, size] = line.split(' ');
    if (sha && size && /^\d+$/.test(size)) sizes.set(sha, Number(size));
  }
  return sizes;
}

/** The diff and --stat of `range` (e.g. base...HEAD) in `dir`; empty text when git cannot make them. */
export async function diffAndStat(dir: string, range: string): Promise<{ diff: string; diffStat: string }> {
  const [diff, diffStat] = await Promise.all([gitTry(dir, ['diff', range]), gitTry(dir, ['diff', '--stat', range])]);
  return { diff: diff ?? '', diffStat: diffStat ?? '' };
}

/** The content of `file` at revision `rev` (git show rev:file), or null when it has none there. */
export async function fileAtRevision(repo: string, rev: string, file: string): Promise<string | null> {
  return gitTry(repo, ['show', `${rev}:${file}`]);
}

/** `git diff --raw -z --no-renames from to`: the raw NUL-separated output (empty when git fails). */
export async function rawDiffZ(repo: string, from: string, to: string): Promise<string> {
  return (await gitExec(repo, ['diff', '--raw', '-z', '--no-renames', from, to])).stdout;
}

/** The .gitmodules file at commit `rev`, or null when it has none (a non-zero exit of git show). */
export async function gitmodulesAt(repo: string, rev: string): Promise<string | null> {
  const r = await gitExec(repo, ['show', `${rev}:.gitmodules`]);
  return r.code === 0 ? r.stdout : null;
}
