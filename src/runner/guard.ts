// The outside-the-worktree guard: before and after each run, a fingerprint of what the agent must not touch —
// the main checkout's HEAD, index and files, the shared .git/config, the hooks, the refs outside wtagents/
// (and the task's own branch), and the user's global git config. Whatever differs is a guard violation.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fingerprint } from '../core/fingerprint.js';
import { guardGitOutput } from '../git/guard-read.js';

/** Item name → fingerprint (short text for small facts, a hash for big ones). */
export type GuardSnapshot = Record<string, string>;

export interface GuardViolation {
  what: string;
  detail: string;
}

const hash = fingerprint;

/** git's output; `git config --get` of an unset key (exit 1) is empty. */
const git = guardGitOutput;

function fileFingerprint(file: string): string {
  try {
    return hash(readFileSync(file, 'utf8'));
  } catch {
    return '(none)';
  }
}

function dirFingerprint(dir: string): string {
  try {
    const names = readdirSync(dir).sort();
    return hash(names.map((n) => `${n}:${fileFingerprint(path.join(dir, n))}:${statSync(path.join(dir, n)).mode}`).join('\n'));
  } catch {
    return '(none)';
  }
}

/** Snapshot the main checkout `repo` (its common git dir is asked of git); `ownBranch` may move. */
export async function guardSnapshot(repo: string, ownBranch: string): Promise<GuardSnapshot> {
  const [head, branch, status, stage, diff, common, hooksPath, refs] = await Promise.all([
    git(repo, ['rev-parse', 'HEAD']),
    git(repo, ['symbolic-ref', '-q', 'HEAD']),
    git(repo, ['status', '--porcelain=v1', '-z', '--untracked-files=all']),
    git(repo, ['ls-files', '--stage', '-z']),
    git(repo, ['diff', '--no-ext-diff', '--binary']),
    git(repo, ['rev-parse', '--path-format=absolute', '--git-common-dir']),
    git(repo, ['config', '--get', 'core.hooksPath']),
    git(repo, ['for-each-ref', '--format=%(refname) %(objectname)']),
  ]);
  const commonDir = common.trim();
  const hooksDir = hooksPath.trim() ? path.resolve(repo, hooksPath.trim()) : path.join(commonDir, 'hooks');
  const own = `refs/heads/${ownBranch}`;
  const snap: GuardSnapshot = {
    'main checkout HEAD': `${branch.trim() || '(detached)'} ${head.trim()}`,
    'main checkout index and files': hash(`${status}\0${stage}\0${diff}`),
    '.git/config': fileFingerprint(path.join(commonDir, 'config')),
    'hooks path': hooksPath.trim() || '(default)',
    hooks: dirFingerprint(hooksDir),
    'your global git config': [path.join(os.homedir(), '.gitconfig'), path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'git', 'config')]
      .map(fileFingerprint)
      .join(' '),
  };
  for (const line of refs.split('\n')) {
    const [name, sha] = line.split(' ');
    if (!name || !sha || name === own || name.startsWith('refs/heads/wtagents/')) continue;
    snap[`ref ${name}`] = sha;
  }
  return snap;
}

/** What changed between two snapshots, one violation per item (refs named one by one). */
export function guardViolations(before: GuardSnapshot, after: GuardSnapshot): GuardViolation[] {
  const out: GuardViolation[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key];
    const b = after[key];
    if (a === b) continue;
    const what = key.startsWith('ref ') ? key.slice(4) : key;
    const detail = a === undefined ? `created (${short(b!)})` : b === undefined ? `deleted (was ${short(a)})` : `changed: ${short(a)} → ${short(b)}`;
    out.push({ what, detail });
  }
  return out;
}

function short(v: string): string {
  return v.replace(/\b([0-9a-f]{12})[0-9a-f]{28}\b/g, '$1');
}
