// Risk flags wtagents computes itself from the diff (DESIGN §1.3): out of scope, secrets, binary or large
// files, deleted or weakened tests, lockfiles, and work left uncommitted or off the task branch; with
// truth-flags.ts, tool calls that were denied and commits the report claims that are not on the branch; flags
// from the supervisor's records (tampered evidence, changes outside the worktree, no sandbox) are sorted in.
import type { DiffFile, DiffLine, PatchSection } from './diff-parse.js';
import { matchesAny } from './glob.js';
import { findSecrets } from './secrets.js';
import { claimFlags, deniedFlag, type ClaimCheck, type DeniedCall } from './truth-flags.js';
import { plural } from './format.js';

export const RISK_KINDS = [
  'tampered',
  'outside-worktree',
  'secret',
  'unverified-commit',
  'denied',
  'out-of-scope',
  'test-deleted',
  'test-weakened',
  'leftovers',
  'off-branch',
  'step-edit',
  'reviewer',
  'budget',
  'binary',
  'large',
  'lockfile',
  'unverified',
  'not-sandboxed',
] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

export interface RiskFlag {
  kind: RiskKind;
  path?: string;
  /** Line number in the new file (secrets). */
  line?: number;
  detail: string;
}

/** A file is "large" at this many bytes on the new side, or this many added lines. */
export const LARGE_FILE_BYTES = 1024 * 1024;
export const LARGE_FILE_LINES = 5000;
/** At most this many secret findings are listed per file (the count is still given). */
const MAX_SECRETS_PER_FILE = 5;

export interface Leftover {
  /** Two-letter `git status --porcelain` code (`??` untracked). */
  status: string;
  path: string;
}

export interface RiskInput {
  files: readonly DiffFile[];
  /** The patch cut per file; matched to `files` by order when the counts agree, else by path. */
  sections?: readonly PatchSection[];
  /** Globs the task may touch; empty: no scope check. */
  scope: readonly string[];
  /** Byte size of each file's new side, by path. */
  sizes?: ReadonlyMap<string, number>;
  leftovers?: readonly Leftover[];
  /** The branch checked out in the task worktree (null: detached), and the task's own branch. */
  worktreeBranch?: string | null;
  taskBranch?: string;
  /** Flags found elsewhere (the supervisor's records), sorted in with the rest. */
  extra?: readonly RiskFlag[];
  /** The last run's agent exited 0 (its leftovers are then work it claimed done but did not commit). */
  agentExitedOk?: boolean;
  /** Tool calls of the last run that the agent's CLI or sandbox denied (`agent.denied`). */
  denials?: readonly DeniedCall[];
  /** The report's commit claims as git checked them. */
  claims?: ClaimCheck;
}

const TEST_PATH = /(^|\/)(tests?|__tests__|specs?|e2e|testing)\/|(^|[/._-])(test|spec)s?\.[A-Za-z0-9]+$|_test\.(go|py|rb|exs?)$|(^|\/)test_[^/]*\.py$|Tests?\.(java|kt|cs|swift)$/;
const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'bun.lock',
  'deno.lock',
  'Cargo.lock',
  'go.sum',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'pdm.lock',
  'composer.lock',
  'Gemfile.lock',
  'mix.lock',
  'pubspec.lock',
  'Podfile.lock',
  'packages.lock.json',
  'flake.lock',
]);
const ASSERTION = /\b(expect|assert[A-Za-z_]*|should|require\.[A-Za-z]+|t\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow))\s*[.(!]|\bassert\b/;
const TEST_CASE = /\b(it|test|describe|context)(?:\.(?:skip|only|todo|concurrent))?\s*(?:\.each\s*\(.*?\))?\s*\(|^\s*[+-]?\s*(?:async\s+)?def\s+test_|\bfunc\s+Test[A-Z_]|#\[test\]|@Test\b/;
const SKIP = /\b(?:it|test|describe|context)\.(?:skip|only|todo)\s*\(|\bx(?:it|test|describe)\s*\(|@pytest\.mark\.(?:skip|xfail)|@unittest\.skip|\bt\.Skip(?:Now|f)?\(|#\[ignore\]|@Disabled\b|@Ignore\b/;

export function isTestPath(path: string): boolean {
  return TEST_PATH.test(path);
}

export function isLockfile(path: string): boolean {
  return LOCKFILES.has(path.slice(path.lastIndexOf('/') + 1));
}

/** Every risk flag, most serious kinds first (RISK_KINDS order), then by path. */
export function computeRiskFlags(input: RiskInput): RiskFlag[] {
  const flags: RiskFlag[] = [...(input.extra ?? [])];
  const sectionFor = sectionLookup(input.files, input.sections ?? []);
  for (const f of input.files) {
    const section = sectionFor(f);
    if (input.scope.length > 0) {
      const outside = [f.path, ...(f.oldPath !== undefined ? [f.oldPath] : [])].filter((p) => !matchesAny(p, input.scope));
      for (const p of new Set(outside)) flags.push({ kind: 'out-of-scope', path: p, detail: `outside the task's scope (${input.scope.join(', ')})` });
    }
    if (section) flags.push(...secretFlags(f.path, section.lines));
    if (f.binary && f.status !== 'D') flags.push({ kind: 'binary', path: f.path, detail: 'binary file' });
    const size = input.sizes?.get(f.path);
    if (f.status !== 'D' && size !== undefined && size >= LARGE_FILE_BYTES) {
      flags.push({ kind: 'large', path: f.path, detail: `large file (${(size / 1024 / 1024).toFixed(1)} MiB)` });
    } else if (f.added >= LARGE_FILE_LINES) {
      flags.push({ kind: 'large', path: f.path, detail: `large change (+${f.added} lines)` });
    }
    if (isLockfile(f.path) || (f.oldPath !== undefined && isLockfile(f.oldPath))) flags.push({ kind: 'lockfile', path: f.path, detail: 'dependency lockfile changed' });
    const testFlag = testRisk(f, section?.lines);
    if (testFlag) flags.push(testFlag);
  }
  const left = input.leftovers ?? [];
  if (left.length > 0) {
    const names = left.slice(0, 5).map((l) => l.path).join(', ') + (left.length > 5 ? ', …' : '');
    const what = `${plural(left.length, 'uncommitted or untracked file')} in the worktree: ${names}`;
    flags.push({ kind: 'leftovers', detail: input.agentExitedOk ? `the agent exited 0 but left ${what}` : what });
  }
  const denied = deniedFlag(input.denials ?? []);
  if (denied) flags.push(denied);
  if (input.claims) flags.push(...claimFlags(input.claims));
  if (input.taskBranch !== undefined && input.worktreeBranch !== undefined && input.worktreeBranch !== input.taskBranch) {
    const where = input.worktreeBranch === null ? 'a detached HEAD' : `branch ${input.worktreeBranch}`;
    flags.push({ kind: 'off-branch', detail: `the worktree is on ${where}, not ${input.taskBranch}: its commits are not in this review` });
  }
  const order = (k: RiskKind) => RISK_KINDS.indexOf(k);
  return flags
    .map((flag, i) => ({ flag, i }))
    .sort((a, b) => order(a.flag.kind) - order(b.flag.kind) || a.i - b.i)
    .map((x) => x.flag);
}

function sectionLookup(files: readonly DiffFile[], sections: readonly PatchSection[]): (f: DiffFile) => PatchSection | undefined {
  if (sections.length === files.length) {
    const byFile = new Map(files.map((f, i) => [f, sections[i]!]));
    return (f) => byFile.get(f);
  }
  const byPath = new Map(sections.map((s) => [s.path, s]));
  return (f) => byPath.get(f.path);
}

function secretFlags(path: string, lines: readonly DiffLine[]): RiskFlag[] {
  const out: RiskFlag[] = [];
  let total = 0;
  for (const line of lines) {
    if (line.kind !== 'add') continue;
    for (const s of findSecrets(line.text.slice(1))) {
      total++;
      if (out.length < MAX_SECRETS_PER_FILE) {
        out.push({ kind: 'secret', path, ...(line.newNo !== undefined ? { line: line.newNo } : {}), detail: `${s.label} added (${s.masked})` });
      }
    }
  }
  if (total > out.length) out.push({ kind: 'secret', path, detail: `${total - out.length} more secret-looking additions` });
  return out;
}

function testRisk(f: DiffFile, lines: readonly DiffLine[] | undefined): RiskFlag | null {
  const wasTest = isTestPath(f.oldPath ?? f.path);
  if (!wasTest) return null;
  if (f.status === 'D') return { kind: 'test-deleted', path: f.path, detail: 'test file deleted' };
  if (f.status === 'R' && !isTestPath(f.path)) return { kind: 'test-deleted', path: f.oldPath ?? f.path, detail: `test file moved out of the tests: ${f.path}` };
  if (!lines) return null;
  let assertsAdded = 0;
  let assertsRemoved = 0;
  let casesAdded = 0;
  let casesRemoved = 0;
  let skipsAdded = 0;
  for (const l of lines) {
    if (l.kind !== 'add' && l.kind !== 'del') continue;
    const body = l.text.slice(1);
    const add = l.kind === 'add';
    if (ASSERTION.test(body)) add ? assertsAdded++ : assertsRemoved++;
    if (TEST_CASE.test(body)) add ? casesAdded++ : casesRemoved++;
    if (add && SKIP.test(body)) skipsAdded++;
  }
  const why: string[] = [];
  if (casesRemoved > casesAdded) why.push(`${plural(casesRemoved - casesAdded, 'test case')} removed`);
  if (assertsRemoved > assertsAdded) why.push(`${plural(assertsRemoved - assertsAdded, 'assertion')} removed`);
  if (skipsAdded > 0) why.push(`${plural(skipsAdded, 'skip/only marker')} added`);
  return why.length > 0 ? { kind: 'test-weakened', path: f.path, detail: `test weakened: ${why.join(', ')}` } : null;
}
