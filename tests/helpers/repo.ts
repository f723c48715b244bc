// Real git repositories in temp dirs for tests: per-repo identity, never the global git config.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** Environment that keeps git away from the machine's global and system config. */
export const hermeticGitEnv: NodeJS.ProcessEnv = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
};

const made: string[] = [];
afterAll(() => {
  if (process.env.WTAGENTS_KEEP_TMP) return;
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh real temp directory (removed after the test file). */
export function tempDir(prefix = 'wt-'): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

export function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...hermeticGitEnv }, input, stdio: ['pipe', 'pipe', 'pipe'] });
}

export interface RepoOptions {
  files?: Record<string, string>;
  /** Make no first commit. */
  empty?: boolean;
  dirName?: string;
  branch?: string;
}

/** git init + per-repo identity + a first commit of `files` (default: a README). */
export function makeRepo(opts: RepoOptions = {}): string {
  const parent = tempDir();
  const dir = path.join(parent, opts.dirName ?? 'repo');
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', opts.branch ?? 'main']);
  git(dir, ['config', 'user.name', 'Test User']);
  git(dir, ['config', 'user.email', 'test@example.com']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  if (opts.empty) return dir;
  writeFiles(dir, opts.files ?? { 'README.md': '# test repo\n' });
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'first commit']);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/** Commit all changes in `dir` with a message; returns the new HEAD sha. */
export function commitAll(dir: string, message: string): string {
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', message]);
  return git(dir, ['rev-parse', 'HEAD']).trim();
}

/** Everything about a repo that `dry-run` must leave unchanged. */
export function repoSnapshot(dir: string): { refs: string; worktrees: string; config: string; exclude: string } {
  const gitDir = path.resolve(dir, git(dir, ['rev-parse', '--git-common-dir']).trim());
  let exclude = '';
  try {
    exclude = execFileSync('cat', [path.join(gitDir, 'info', 'exclude')], { encoding: 'utf8' });
  } catch {
    exclude = '(none)';
  }
  return {
    refs: git(dir, ['for-each-ref']),
    worktrees: git(dir, ['worktree', 'list', '--porcelain']),
    config: execFileSync('cat', [path.join(gitDir, 'config')], { encoding: 'utf8' }),
    exclude,
  };
}
