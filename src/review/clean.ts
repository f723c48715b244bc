// `wtagents clean`: find finished tasks (merged, abandoned, and failed/stopped/interrupted/conflict ones
// older than a limit), say what each holds on disk, and free it — worktrees through archive (saved and
// proven first), branches and whole task directories only when asked and only after their own proofs.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { errorLine } from '../core/errors.js';
import type { TaskState } from '../core/lifecycle.js';
import type { TaskRecord } from '../core/task.js';
import { deleteBranch } from '../git/checkouts.js';
import { branchExists } from '../git/repo.js';
import { diskUsage } from '../store/disk-usage.js';
import { repoPaths } from '../store/layout.js';
import { listTasks, readTask, updateTask } from '../store/tasks.js';
import { appendTrace } from '../store/trace-writer.js';
import { archiveTask, hasWorktree } from './archive.js';
import { proveBranchSaved, taskDirKeeps } from './clean-proof.js';
import { withDecisionLock } from './record.js';

export interface CleanOptions {
  /** failed/stopped/interrupted/conflict tasks untouched for longer than this are finished too. */
  olderThanMs: number;
  branches?: boolean;
  taskDirs?: boolean;
  now?: number;
}

export interface CleanItem {
  id: string;
  taskDir: string;
  state: TaskState;
  title: string;
  /** Disk held: the task directory plus a worktree kept outside it. */
  bytes: number;
  worktree: boolean;
  branch: boolean;
  /** What clean would do: "worktree", "branch", "task directory". */
  actions: string[];
}

export interface CleanOutcome {
  id: string;
  done: string[];
  kept: string[];
  freedBytes: number;
}

const ALWAYS: readonly TaskState[] = ['merged', 'abandoned'];
const WHEN_OLD: readonly TaskState[] = ['failed', 'stopped', 'interrupted', 'conflict'];

/** Is this task finished enough for clean? */
export function isCleanable(state: TaskState, updatedAt: string, opts: CleanOptions): boolean {
  if (ALWAYS.includes(state)) return true;
  const age = (opts.now ?? Date.now()) - Date.parse(updatedAt);
  return WHEN_OLD.includes(state) && age >= opts.olderThanMs;
}

/** Disk a task holds: its directory, plus its worktree when that lives elsewhere. */
export async function taskDisk(record: TaskRecord): Promise<number> {
  const inside = path.resolve(record.worktree).startsWith(path.resolve(record.taskDir) + path.sep);
  const [dir, wt] = await Promise.all([diskUsage(record.taskDir), inside ? 0 : diskUsage(record.worktree)]);
  return dir + wt;
}

/** The finished tasks and what clean would do to each (nothing is changed). */
export async function planClean(repo: string, opts: CleanOptions): Promise<CleanItem[]> {
  const items: CleanItem[] = [];
  for (const t of listTasks(repo)) {
    if (!isCleanable(t.state, t.record.updatedAt, opts)) continue;
    const r = t.record;
    const worktree = hasWorktree(r);
    const branch = r.mode === 'create' && (await branchExists(repo, r.branch));
    const actions: string[] = [];
    if (worktree) actions.push('worktree');
    if (opts.branches && branch) actions.push('branch');
    if (opts.taskDirs) actions.push('task directory');
    items.push({ id: r.id, taskDir: r.taskDir, state: t.state, title: r.title, bytes: await taskDisk(r), worktree, branch, actions });
  }
  return items;
}

/** Do what the plan says for each item; anything whose save cannot be proven is kept, saying why. */
export async function runClean(repo: string, items: readonly CleanItem[], opts: CleanOptions): Promise<CleanOutcome[]> {
  const out: CleanOutcome[] = [];
  for (const item of items) {
    const o: CleanOutcome = { id: item.id, done: [], kept: [], freedBytes: 0 };
    out.push(o);
    if (item.actions.length === 0) continue;
    try {
      if (item.actions.includes('worktree')) {
        const a = await archiveTask(item.taskDir, 'clean');
        if (a.archived) o.done.push(`worktree removed (work in ${a.proof.where.join(', ')})`);
      }
      if (item.actions.includes('branch')) await cleanBranch(item.taskDir, o);
      if (item.actions.includes('task directory')) await cleanTaskDir(repo, item.taskDir, o);
    } catch (error) {
      o.kept.push(errorLine(error));
    }
    const left = existsSync(item.taskDir) ? await taskDiskSafe(item.taskDir) : 0;
    o.freedBytes = Math.max(0, item.bytes - left);
  }
  return out;
}

async function taskDiskSafe(taskDir: string): Promise<number> {
  try {
    return await taskDisk(readTask(taskDir));
  } catch {
    return diskUsage(taskDir);
  }
}

async function cleanBranch(taskDir: string, o: CleanOutcome): Promise<void> {
  await withDecisionLock(taskDir, async (task) => {
    if (hasWorktree(task)) return void o.kept.push(`branch ${task.branch}: its worktree is still there`);
    if (!(await branchExists(task.repo, task.branch))) return;
    const proof = await proveBranchSaved(task, taskDir);
    if (proof.branchPatch) await updateTask(taskDir, (t) => void (t.branchPatch = proof.branchPatch));
    const error = await deleteBranch(task.repo, task.branch);
    if (error) return void o.kept.push(`branch ${task.branch}: ${error}`);
    o.done.push(`branch ${task.branch} deleted (work in ${proof.where})`);
    await appendTrace({ taskDir, task: task.id, round: task.round }, [{ type: 'worktree.removed', path: task.worktree, reason: `clean: branch ${task.branch} deleted`, savedIn: [proof.where] }]);
  });
}

async function cleanTaskDir(repo: string, taskDir: string, o: CleanOutcome): Promise<void> {
  await withDecisionLock(taskDir, async (task) => {
    const keeps = await taskDirKeeps(task, taskDir);
    if (keeps.length > 0) return void o.kept.push(`task directory kept: ${keeps.join('; ')}`);
    return { task };
  }).then(async (r) => {
    if (!r) return;
    // The lock file lives inside the directory: remove it only after the lock is released.
    rmSync(path.join(repoPaths(repo).links, r.task.id), { force: true });
    rmSync(taskDir, { recursive: true, force: true });
    o.done.push('task directory removed');
  });
}
