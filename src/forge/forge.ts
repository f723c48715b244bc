// The code forge a task's pull request goes to: GitHub through `gh`, GitLab through `glab` (chosen by the
// remote's URL), each run as a plain child process (argv, no shell) with a timeout. Whether the CLI is
// installed and logged in decides between opening the PR and printing the commands to do it by hand.
import { runProcess } from '../proc/run.js';
import { which } from '../runner/which.js';

export type ForgeKind = 'github' | 'gitlab';

export interface Forge {
  kind: ForgeKind;
  /** The CLI's binary name: gh or glab. */
  cli: string;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** GitLab when the remote URL says so, else GitHub. */
export function forgeFor(remoteUrl: string): Forge {
  return /gitlab/i.test(remoteUrl) ? { kind: 'gitlab', cli: 'glab' } : { kind: 'github', cli: 'gh' };
}

/** Run the forge CLI; never throws for a non-zero exit (a missing binary is code 127). */
export async function runForge(forge: Forge, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CliRun> {
  const env = { ...(opts.env ?? process.env), GH_PROMPT_DISABLED: '1', NO_COLOR: '1', GIT_TERMINAL_PROMPT: '0' };
  const r = await runProcess(forge.cli, args, { cwd: opts.cwd, env, timeoutMs: opts.timeoutMs ?? 60_000 });
  return { code: r.code, stdout: r.stdout, stderr: r.stderr };
}

/** Why the forge CLI cannot be used here (not installed, not logged in), or null when it can. */
export async function forgeUnavailable(forge: Forge, cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  if (which(forge.cli, env.PATH ?? '') === null) return `${forge.cli} is not installed`;
  const auth = await runForge(forge, ['auth', 'status'], { cwd, env, timeoutMs: 20_000 });
  if (auth.code !== 0) return `${forge.cli} is not logged in (${forge.cli} auth login)`;
  return null;
}

/** The argv that opens the pull (merge) request. */
export function createArgs(forge: Forge, o: { base: string; branch: string; title: string; bodyFile: string; body: string; draft: boolean }): string[] {
  if (forge.kind === 'github') {
    return ['pr', 'create', '--base', o.base, '--head', o.branch, '--title', o.title, '--body-file', o.bodyFile, ...(o.draft ? ['--draft'] : [])];
  }
  return ['mr', 'create', '--source-branch', o.branch, '--target-branch', o.base, '--title', o.title, '--description', o.body, '--yes', ...(o.draft ? ['--draft'] : [])];
}

/** The PR's URL in the CLI's output (its last http(s) URL), or null. */
export function urlIn(output: string): string | null {
  const urls = output.match(/https?:\/\/[^\s<>"']+/g);
  return urls ? urls[urls.length - 1]! : null;
}

export type PrState = 'open' | 'draft' | 'merged' | 'closed';

/** The PR's state as the forge reports it now, or null when it cannot be asked. */
export async function prState(forge: Forge, url: string, cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<PrState | null> {
  if (which(forge.cli, env.PATH ?? '') === null) return null;
  const args = forge.kind === 'github' ? ['pr', 'view', url, '--json', 'state,isDraft'] : ['mr', 'view', url, '--output', 'json'];
  const r = await runForge(forge, args, { cwd, env, timeoutMs: 20_000 });
  if (r.code !== 0) return null;
  try {
    const j = JSON.parse(r.stdout) as { state?: string; isDraft?: boolean; draft?: boolean };
    const s = (j.state ?? '').toLowerCase();
    if (s === 'merged') return 'merged';
    if (s === 'closed') return 'closed';
    if (s === 'open' || s === 'opened') return j.isDraft || j.draft ? 'draft' : 'open';
    return null;
  } catch {
    return null;
  }
}
