// Where branches are checked out and what state those checkouts are in: worktree list, status entries,
// an operation in progress, commits ahead, merge base, branch deletion, the refs under a prefix or holding a commit.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Leftover } from '../core/risk.js';
import { parseStatusZ } from '../core/git-status.js';
import { gitExec, gitOk } from './exec.js';

export interface WorktreeEntry {
  path: string;
  head: string | null;
  /** Full ref (refs/heads/x) or null when detached or bare. */
  branch: string | null;
  bare: boolean;
  prunable: boolean;
}

/** Parse `git worktree list --porcelain -z`. */
export function parseWorktreeList(text: string): WorktreeEntry[] {
  const out: WorktreeEntry[] = [];
  let cur: WorktreeEntry | null = null;
  for (const field of text.split('\0')) {
    if (field.startsWith('worktree ')) {
      cur = { path: field.slice('worktree '.length), head: null, branch: null, bare: false, prunable: false };
      out.push(cur);
    } else if (cur && field.startsWith('HEAD ')) cur.head = field.slice(5);
    else if (cur && field.startsWith('branch ')) cur.branch = field.slice(7);
    else if (cur && field === 'bare') cur.bare = true;
    else if (cur && field.startsWith('prunable')) cur.prunable = true;
  }
  return out;
}

export async function worktreeEntries(repo: string): Promise<WorktreeEntry[]> {
  return parseWorktreeList(await gitOk(repo, ['worktree', 'list', '--porcelain', '-z']));
}

/** The checkout that has `branch` (short name) checked out, or null. */
export async function checkoutOf(repo: string, branch: string): Promise<WorktreeEntry | null> {
  const ref = `refs/heads/${branch}`;
  return (await worktreeEntries(repo)).find((w) => w.branch === ref && !w.prunable && existsSync(w.path)) ?? null;
}

/**
 * Status entries of a checkout (`git status --porcelain -z`), wtagents' own directory left out: the one
 * status reader. `untracked`: every untracked file (true, the default), none (false), or 'normal' (a
 * new directory as one entry).
 */
export async function statusEntries(dir: string, { untracked = true as boolean | 'normal' } = {}): Promise<Leftover[]> {
  const mode = untracked === 'normal' ? 'normal' : untracked ? 'all' : 'no';
  const out = await gitOk(dir, ['status', '--porcelain=v1', '-z', `--untracked-files=${mode}`, '--ignore-submodules=none']);
  return parseStatusZ(out);
}

/** A merge, rebase, cherry-pick, revert or bisect in progress in this checkout, or null. */
export async function operationInProgress(dir: string): Promise<string | null> {
  const names: [string, string][] = [
    ['MERGE_HEAD', 'a merge'],
    ['rebase-merge', 'a rebase'],
    ['rebase-apply', 'a rebase'],
    ['CHERRY_PICK_HEAD', 'a cherry-pick'],
    ['REVERT_HEAD', 'a revert'],
    ['BISECT_LOG', 'a bisect'],
  ];
  const out = await gitOk(dir, ['rev-parse', ...names.flatMap(([n]) => ['--git-path', n])]);
  const paths = out.split('\n').filter((l) => l !== '');
  for (let i = 0; i < names.length; i++) {
    const p = paths[i];
    if (p && existsSync(path.resolve(dir, p))) return names[i]![1];
  }
  return null;
}

/** The commits the given local branches point at (branches that do not exist are left out). */
/** The arguments branchHeads runs git with (src/bin.ts starts the same run early). */
export function branchHeadsArgs(branches: readonly string[]): string[] {
  return ['for-each-ref', '--format=%(objectname) %(refname)', '--', ...branches.map((b) => `refs/heads/${b}`)];
}

export async function branchHeads(repo: string, branches: readonly string[]): Promise<Map<string, string>> {
  const refs = branches.map((b) => `refs/heads/${b}`);
  const out = await gitOk(repo, branchHeadsArgs(branches));
  const heads = new Map<string, string>();
  for (const line of out.split('\n')) {
    const space = line.indexOf(' ');
    const ref = line.slice(space + 1);
    if (space > 0 && refs.includes(ref)) heads.set(ref.slice('refs/heads/'.length), line.slice(0, space));
  }
  return heads;
}

export async function mergeBase(repo: string, a: string, b: string): Promise<string | null> {
  const r = await gitExec(repo, ['merge-base', a, b]);
  return r.code === 0 ? r.stdout.trim() : null;
}

/** How many commits `to` has that `from` has not. */
export async function commitsAhead(repo: string, from: string, to: string): Promise<number> {
  return Number((await gitOk(repo, ['rev-list', '--count', `${from}..${to}`])).trim());
}

/** Delete a local branch (forced: callers have saved or merged its work). Returns git's error, or null. */
export async function deleteBranch(repo: string, branch: string): Promise<string | null> {
  const r = await gitExec(repo, ['branch', '-D', '--', branch]);
  return r.code === 0 ? null : r.stderr.trim() || `git branch -D exited with code ${r.code}`;
}

/** `<sha> <short name>` lines of the local branches under `refs/heads/<prefix>`. */
export async function branchTipsUnder(repo: string, prefix: string): Promise<string> {
  return (await gitExec(repo, ['for-each-ref', '--format=%(objectname) %(refname:short)', `refs/heads/${prefix}`])).stdout;
}

/** Full names (one a line) of the local branches and tags that contain commit `sha`. */
export async function refsContaining(repo: string, sha: string): Promise<string> {
  return (await gitExec(repo, ['for-each-ref', '--format=%(refname)', '--contains', sha, 'refs/heads/', 'refs/tags/'])).stdout;
}
