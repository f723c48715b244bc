// Starting a task from a pull request (`new --pr N`): its head fetched from the remote into
// refs/wtagents/pr/N (never touching any checkout), and — when gh/glab can tell — its base branch and title.
import { UserError } from '../core/errors.js';
import { resolveCommit } from '../git/repo.js';
import { fetchRef, pickRemote, remoteUrl } from '../git/remotes.js';
import { forgeFor, runForge } from './forge.js';
import { which } from '../runner/which.js';

export interface FetchedPr {
  number: number;
  ref: string;
  sha: string;
  remote: string;
  base?: string;
  title?: string;
}

export async function fetchPr(repo: string, number: number, opts: { base?: string; env?: NodeJS.ProcessEnv } = {}): Promise<FetchedPr> {
  const env = opts.env ?? process.env;
  const remote = await pickRemote(repo, opts.base ?? 'main');
  if (remote === null) throw new UserError('--pr: the repository has no remote to fetch the pull request from (or several: name it with git config branch.<base>.remote)');
  const forge = forgeFor((await remoteUrl(repo, remote)) ?? '');
  const from = forge.kind === 'gitlab' ? `refs/merge-requests/${number}/head` : `refs/pull/${number}/head`;
  const ref = `refs/wtagents/pr/${number}`;
  const r = await fetchRef(repo, remote, from, ref);
  if (r.code !== 0) throw new UserError(`--pr ${number}: could not fetch ${from} from ${remote}: ${r.stderr.trim().split('\n').find((l) => l.trim() !== '') ?? `exit ${r.code}`}`);
  const sha = (await resolveCommit(repo, ref)) ?? '';
  const out: FetchedPr = { number, ref, sha, remote };
  if (which(forge.cli, env.PATH ?? '') !== null) {
    const args = forge.kind === 'github' ? ['pr', 'view', String(number), '--json', 'baseRefName,title'] : ['mr', 'view', String(number), '--output', 'json'];
    const v = await runForge(forge, args, { cwd: repo, env, timeoutMs: 20_000 });
    if (v.code === 0) {
      try {
        const j = JSON.parse(v.stdout) as { baseRefName?: string; target_branch?: string; title?: string };
        const base = j.baseRefName ?? j.target_branch;
        if (base) out.base = base;
        if (j.title) out.title = j.title;
      } catch {
        // no details: the defaults stand
      }
    }
  }
  return out;
}
