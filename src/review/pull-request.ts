// The pull request (DESIGN §8): push the task branch to a remote and open a PR with `gh` (GitLab: `glab`),
// its body built from the evidence (pr-body.ts) and kept in review/pr-body.md. Without a usable CLI nothing
// is pushed: the result carries the exact commands to run by hand. The task records the PR's URL.
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { plural } from '../core/format.js';
import { shellJoin } from '../core/shell-quote.js';
import type { TaskRecord } from '../core/task.js';
import { createArgs, forgeFor, forgeUnavailable, runForge, urlIn, type ForgeKind } from '../forge/forge.js';
import { pickRemote, pushBranch, remoteNames, remoteUrl } from '../git/remotes.js';
import { writeFileAtomic } from '../store/atomic.js';
import { taskPaths } from '../store/layout.js';
import { effectiveState, readTask, updateTask } from '../store/tasks.js';
import { appendTrace } from '../store/trace-writer.js';
import { collectEvidence } from './evidence.js';
import { openSession, writeReviewFiles } from './open.js';
import { reviewPaths } from './paths.js';
import { prText } from './pr-body.js';
import { withDecisionLock } from './record.js';

export interface PullRequestOptions {
  draft?: boolean;
  /** The remote to push to (default: the base branch's upstream remote, else origin, else the only one). */
  remote?: string;
  env?: NodeJS.ProcessEnv;
}

export interface PullRequestResult {
  opened: boolean;
  url?: string;
  forge: ForgeKind;
  remote: string;
  /** When not opened: why, and the commands that do it by hand. */
  reason?: string;
  commands?: string[];
  bodyFile: string;
  warnings: string[];
  task: TaskRecord;
}

const BODY_MARK = 'WTAGENTS_PR_BODY';

export const prBodyPath = (taskDir: string) => path.join(reviewPaths(taskDir).dir, 'pr-body.md');

export async function openPullRequest(taskDir: string, opts: PullRequestOptions = {}): Promise<PullRequestResult> {
  const env = opts.env ?? process.env;
  return withDecisionLock(taskDir, async (task) => {
    if (task.pr) throw new UserError(`task ${task.id} already has a pull request: ${task.pr.url}`);
    if (effectiveState(task) === 'running') throw new UserError(`cannot open a pull request while task ${task.id} is running: wait for it, or stop it (wtagents stop ${task.id})`);
    const session = await openSession(taskDir);
    if (!session) throw new UserError(`cannot open a pull request: the task branch ${task.branch} does not exist`);
    if (session.files.length === 0) throw new UserError(`cannot open a pull request: ${task.branch} has no changes against ${task.base}`);
    const remote = await pickRemote(task.repo, task.base, opts.remote);
    if (remote === null) {
      const names = await remoteNames(task.repo);
      throw new UserError(
        opts.remote !== undefined
          ? `no remote "${opts.remote}" (remotes: ${names.join(', ') || 'none'})`
          : names.length === 0
            ? 'cannot open a pull request: the repository has no remote; add one: git remote add origin URL'
            : `cannot tell which remote to push to (${names.join(', ')}): pass --remote NAME`,
      );
    }
    const forge = forgeFor((await remoteUrl(task.repo, remote)) ?? '');
    const files = await writeReviewFiles(session);
    const evidence = await collectEvidence(taskDir, session, files.patch);
    const text = prText(evidence, { text: task.text, tracePath: taskPaths(taskDir).trace });
    const bodyFile = prBodyPath(taskDir);
    writeFileAtomic(bodyFile, text.body);
    const warnings: string[] = [];
    if (evidence.leftovers && evidence.leftovers.length > 0) {
      warnings.push(`${plural(evidence.leftovers.length, 'uncommitted or untracked file')} in the worktree are not pushed: commit them, or request changes`);
    }
    const draft = opts.draft === true;
    const args = createArgs(forge, { base: task.base, branch: task.branch, title: text.title, bodyFile, body: text.body, draft });
    const base = { forge: forge.kind, remote, bodyFile, warnings };
    const why = await forgeUnavailable(forge, task.repo, env);
    if (why !== null) {
      // GitLab's CLI takes the body as an argument: by hand, it is read from the file.
      const create = shellJoin([forge.cli, ...args.map((a) => (a === text.body ? BODY_MARK : a))]).replace(BODY_MARK, `"$(cat ${shellJoin([bodyFile])})"`);
      const commands = [shellJoin(['git', '-C', task.repo, 'push', '--set-upstream', remote, task.branch]), create];
      return { opened: false, reason: why, commands, task, ...base };
    }
    const pushError = await pushBranch(task.repo, remote, task.branch);
    if (pushError !== null) throw new UserError(`could not push ${task.branch} to ${remote}: ${pushError}`);
    const r = await runForge(forge, args, { cwd: task.repo, env });
    const url = urlIn(r.stdout) ?? urlIn(r.stderr);
    if (r.code !== 0 || url === null) {
      const msg = (r.stderr || r.stdout).trim().split('\n').find((l) => l.trim() !== '') ?? `exit code ${r.code}`;
      throw new UserError(`pushed ${task.branch} to ${remote}, but ${forge.cli} did not open the pull request: ${msg}`);
    }
    const record = await updateTask(taskDir, (t) => {
      t.pr = { url, forge: forge.kind, remote, draft, openedAt: new Date().toISOString(), branchTip: session.range.tip };
    });
    await appendTrace({ taskDir, task: record.id, round: record.round }, [{ type: 'pr.opened', url, draft, remote }]);
    return { opened: true, url, task: readTask(taskDir), ...base };
  });
}
