// `wtagents doctor`: the debris a crash, a kill or an older version can leave in a repository, found and,
// with --fix, repaired without losing work — unfinished `new`s, task directories without task.json,
// wtagents/ branches no task owns, prunable worktree records, and stale locks (with their owner and age).
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { shellQuote } from '../core/shell-quote.js';
import { branchTipsUnder, deleteBranch, refsContaining, statusEntries, worktreeEntries } from '../git/checkouts.js';
import { pruneWorktrees, removeWorktree } from '../git/worktree.js';
import { BRANCH_PREFIX } from '../store/create-task.js';
import { repoPaths, taskPaths } from '../store/layout.js';
import { describeLock, inspectLock, removeStaleLock } from '../store/lock.js';
import { makerAlive, readCreation, undoCreation, unfinishedTaskDirs } from '../store/task-creation.js';
import { listTaskDirs, listTasks } from '../store/tasks.js';
import { settlePendingDecision } from './record.js';

export type FindingKind = 'pending-decision' | 'unfinished-new' | 'orphan-task-dir' | 'stray-branch' | 'prunable-worktree' | 'stale-lock' | 'held-lock';

export interface Finding {
  kind: FindingKind;
  /** The branch, directory or file concerned. */
  subject: string;
  detail: string;
  /** What --fix does, or how to fix it by hand when --fix will not (work could be lost). */
  fix: string;
  fixable: boolean;
  /** Repair step (present when fixable). */
  repair?: () => Promise<string>;
}

export async function diagnose(root: string): Promise<Finding[]> {
  const found: Finding[] = [];
  const tasks = listTasks(root);
  const owned = new Set(tasks.map((t) => t.record.branch));
  const worktrees = await worktreeEntries(root);

  for (const t of tasks) {
    const file = path.join(t.record.taskDir, 'review', 'decision.json');
    if (!existsSync(file) || !readFileSync(file, 'utf8').includes('"pending": true')) continue;
    found.push({
      kind: 'pending-decision',
      subject: t.record.id,
      detail: 'a decision was interrupted (review/decision.json is pending)',
      fix: 'finish it (the merge is in the base) or roll it back (it is not): what `wtagents review` of the task does',
      fixable: true,
      repair: async () => `${t.record.id}: ${(await settlePendingDecision(t.record.taskDir)) ?? 'nothing to do (someone is deciding)'}`,
    });
  }

  for (const { dir, link } of unfinishedTaskDirs(root)) {
    const c = readCreation(dir);
    if (c && makerAlive(c)) {
      owned.add(c.branch); // being made right now
      continue;
    }
    if (c) {
      owned.add(c.branch);
      found.push({ kind: 'unfinished-new', subject: dir, detail: `a \`new\` (pid ${c.pid}) died while making task ${c.id}`, fix: `remove its worktree, branch ${c.branch} and directory`, fixable: true, repair: async () => (await undoCreation(c)).join(', ') });
      continue;
    }
    const inside = worktrees.filter((w) => w.path.startsWith(`${dir}${path.sep}`) && !w.prunable);
    const dirty: string[] = [];
    for (const w of inside) if ((await statusEntries(w.path).catch(() => [])).length > 0) dirty.push(w.path);
    found.push({
      kind: 'orphan-task-dir',
      subject: dir,
      detail: `a task directory without task.json (invisible to list)${inside.length > 0 ? `, holding the worktree ${inside.map((w) => w.path).join(', ')}` : ''}`,
      fix: dirty.length > 0 ? `the worktree ${dirty[0]} has uncommitted work: take what you need, then remove it with: git worktree remove --force ${shellQuote(dirty[0]!)}` : 'remove it (and its unused worktree)',
      fixable: dirty.length === 0,
      repair: async () => {
        for (const w of inside) await removeWorktree(root, w.path);
        if (link) rmSync(link, { force: true });
        rmSync(dir, { recursive: true, force: true });
        return `removed ${dir}`;
      },
    });
  }

  const refs = await branchTipsUnder(root, BRANCH_PREFIX);
  for (const line of refs.split('\n').filter((l) => l !== '')) {
    const [tip, branch] = [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)];
    if (owned.has(branch)) continue;
    const checkedOut = worktrees.find((w) => w.branch === `refs/heads/${branch}` && !w.prunable);
    const elsewhere = await refsContaining(root, tip);
    const safe = elsewhere.split('\n').some((r) => r !== '' && r !== `refs/heads/${branch}`);
    const fixable = safe && !checkedOut;
    found.push({
      kind: 'stray-branch',
      subject: branch,
      detail: `no task owns it${checkedOut ? ` (checked out in ${checkedOut.path})` : ''}${safe ? '; its commits are all on other branches' : '; it holds commits no other branch has'}`,
      fix: fixable ? 'delete it (nothing is lost)' : `kept; look at it with: git log ${shellQuote(branch)}, then delete it with: git branch -D ${shellQuote(branch)}`,
      fixable,
      repair: async () => {
        const error = await deleteBranch(root, branch);
        return error === null ? `deleted ${branch}` : `could not delete ${branch}: ${error}`;
      },
    });
  }

  for (const w of worktrees.filter((x) => x.prunable)) {
    found.push({ kind: 'prunable-worktree', subject: w.path, detail: 'a worktree record whose directory is gone', fix: 'git worktree prune', fixable: true, repair: async () => (await pruneWorktrees(root), `pruned ${w.path}`) });
  }

  for (const file of lockFiles(root)) {
    const info = inspectLock(file);
    if (info === null) continue;
    const owner = describeLock(file) ?? 'no owner record';
    if (info.status === 'stale') {
      found.push({ kind: 'stale-lock', subject: file, detail: `its owner is gone (${owner})`, fix: 'remove it', fixable: true, repair: async () => (removeStaleLock(file) ? `removed ${file}` : `${file} changed meanwhile: left`) });
    } else {
      found.push({ kind: 'held-lock', subject: file, detail: `held by ${owner}`, fix: `if ${info.pid ? `pid ${info.pid}` : 'its owner'} is not a wtagents command at work, remove it with: rm ${shellQuote(file)}`, fixable: false });
    }
  }
  return found;
}

/** Run the repairs of the fixable findings; returns one line per repair. */
export async function repair(findings: readonly Finding[]): Promise<string[]> {
  const done: string[] = [];
  let pruned = false;
  for (const f of findings) {
    if (!f.fixable || !f.repair) continue;
    if (f.kind === 'prunable-worktree') {
      if (pruned) continue;
      pruned = true;
    }
    try {
      done.push(await f.repair());
    } catch (error) {
      done.push(`could not fix ${f.subject}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return done;
}

/** Every lock file wtagents makes in this repository. */
function lockFiles(root: string): string[] {
  const rp = repoPaths(root);
  const files = safeList(rp.locks).filter((n) => n.endsWith('.lock')).map((n) => path.join(rp.locks, n));
  const dirs = new Set([...listTaskDirs(root), ...unfinishedTaskDirs(root).map((u) => u.dir)]);
  for (const dir of dirs) {
    const p = taskPaths(dir);
    files.push(p.taskLock, p.traceLock, p.decisionLock);
  }
  return files;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
