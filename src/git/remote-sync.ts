// Moving a task's commits to and from an SSH runner's host: push the base and branch to its clone,
// fetch the finished branch back and fast-forward the local worktree (never overwrite local work).
import { runProcess } from '../proc/run.js';

/** Run git with the runner's ssh command in its environment (over this process's, GIT_* included). */
async function gitExec(dir: string, args: string[], opts: { env?: Record<string, string> } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return runProcess('git', args, { cwd: dir, env: { ...process.env, ...opts.env } });
}

/** git over the runner's ssh options (ControlMaster, -F, -p). */
function viaSsh(sshCommand: string): { env: Record<string, string> } {
  return { env: { GIT_SSH_COMMAND: sshCommand } };
}

function failure(what: string, r: { code: number; stderr: string }): Error {
  const lines = r.stderr.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 8);
  return new Error(`${what} failed (git exit ${r.code})${lines.length > 0 ? `: ${lines.join(' | ')}` : ''}`);
}

/** Push `refspecs` (e.g. `<sha>:refs/wtagents-base/<id>`) to the host's clone at `url`. */
export async function pushToRunner(repo: string, url: string, sshCommand: string, refspecs: string[]): Promise<void> {
  const r = await gitExec(repo, ['push', '--quiet', '--force', url, ...refspecs], viaSsh(sshCommand));
  if (r.code !== 0) throw failure(`git push to ${url}`, r);
}

/** Fetch `ref` from the host's clone; returns the commit it names there. */
export async function fetchFromRunner(repo: string, url: string, sshCommand: string, ref: string, into: string): Promise<string> {
  const r = await gitExec(repo, ['fetch', '--quiet', '--no-tags', url, `+${ref}:${into}`], viaSsh(sshCommand));
  if (r.code !== 0) throw failure(`git fetch ${ref} from ${url}`, r);
  const sha = await gitExec(repo, ['rev-parse', '--verify', `${into}^{commit}`]);
  if (sha.code !== 0) throw failure(`git rev-parse ${into}`, sha);
  return sha.stdout.trim();
}

/** Move the worktree's branch to `sha` when that is a fast-forward; a branch that moved locally is refused. */
export async function fastForwardWorktree(worktree: string, sha: string): Promise<'moved' | 'same'> {
  const head = (await gitExec(worktree, ['rev-parse', 'HEAD'])).stdout.trim();
  if (head === sha) return 'same';
  const r = await gitExec(worktree, ['merge', '--ff-only', '--quiet', sha]);
  if (r.code !== 0) throw failure(`fast-forwarding the task branch to the runner's ${sha.slice(0, 12)} (it moved locally?)`, r);
  return 'moved';
}

/** The local committer identity, so the host's commits are the user's (empty strings when unset). */
export async function gitIdentity(repo: string): Promise<{ name: string; email: string }> {
  const [name, email] = await Promise.all([gitExec(repo, ['config', 'user.name']), gitExec(repo, ['config', 'user.email'])]);
  return { name: name.stdout.trim(), email: email.stdout.trim() };
}
