// Remotes: which one a task's branch is pushed to, its URL, and the push itself (never prompting).
import { gitExec } from './exec.js';

/** Names of the repository's remotes. */
export async function remoteNames(repo: string): Promise<string[]> {
  const r = await gitExec(repo, ['remote']);
  return r.code === 0 ? r.stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '') : [];
}

export async function remoteUrl(repo: string, remote: string): Promise<string | null> {
  const r = await gitExec(repo, ['remote', 'get-url', '--', remote]);
  return r.code === 0 ? r.stdout.trim() : null;
}

/** The remote to push to: the one asked for, else the base branch's upstream remote, else origin, else the only one. */
export async function pickRemote(repo: string, base: string, asked?: string): Promise<string | null> {
  const names = await remoteNames(repo);
  if (asked !== undefined) return names.includes(asked) ? asked : null;
  const upstream = await gitExec(repo, ['config', '--get', `branch.${base}.remote`]);
  const u = upstream.code === 0 ? upstream.stdout.trim() : '';
  if (u !== '' && names.includes(u)) return u;
  if (names.includes('origin')) return 'origin';
  return names.length === 1 ? names[0]! : null;
}

/** `git push --set-upstream remote branch:branch`; returns git's error line, or null on success. */
export async function pushBranch(repo: string, remote: string, branch: string): Promise<string | null> {
  const r = await gitExec(repo, ['push', '--porcelain', '--set-upstream', remote, `refs/heads/${branch}:refs/heads/${branch}`], { env: { GIT_TERMINAL_PROMPT: '0' } });
  if (r.code === 0) return null;
  const lines = (r.stderr || r.stdout).split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('hint:'));
  return lines.find((l) => /^(fatal|error|!)/.test(l))?.replace(/^(fatal|error): /, '') ?? lines[0] ?? `git push exited with code ${r.code}`;
}

/** Fetch `from` (a ref on `remote`) into the local `ref`, forced, never prompting; git's exit code and stderr. */
export async function fetchRef(repo: string, remote: string, from: string, ref: string): Promise<{ code: number; stderr: string }> {
  const r = await gitExec(repo, ['fetch', '--no-tags', '--quiet', remote, `+${from}:${ref}`], { env: { GIT_TERMINAL_PROMPT: '0' } });
  return { code: r.code, stderr: r.stderr };
}
