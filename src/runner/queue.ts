// The run queue (config maxParallel): runs past the limit wait `queued` (on disk, so the queue survives the
// TUI and the CLI exiting) and start in FIFO order when a slot frees. Whoever frees a slot starts the next:
// the supervisor that finishes, `stop`, and any `run`; all of it under one lock per repository.
import path from 'node:path';
import { errorLine, UserError } from '../core/errors.js';
import { queuePositions } from '../core/task-summary.js';
import { loadConfig } from '../store/config-file.js';
import { repoPaths } from '../store/layout.js';
import { withLock } from '../store/lock.js';
import { applyTaskEvent } from '../store/task-state.js';
import { listTasks, type TaskEntry } from '../store/tasks.js';

/** A queued task whose decision lock is held (a decision or its own start is under way): it stays queued. */
export class QueueBusy extends Error {
  constructor(id: string) {
    super(`task ${id} is busy`);
  }
}

/** Run `fn` holding the repository's queue lock (counting slots and starting runs happen under it). */
export function withQueueLock<T>(repo: string, fn: () => Promise<T>): Promise<T> {
  return withLock(path.join(repoPaths(repo).locks, 'queue.lock'), fn, { timeoutMs: 60_000, what: 'the run queue' });
}

/** The repository's tasks running now (supervisor alive). */
export function runningTasks(repo: string): TaskEntry[] {
  return listTasks(repo).filter((t) => t.state === 'running');
}

/** Queued tasks in the order they start. */
export function queuedTasks(repo: string): TaskEntry[] {
  const tasks = listTasks(repo);
  const pos = queuePositions(tasks);
  return tasks.filter((t) => pos.has(t.record.id)).sort((a, b) => pos.get(a.record.id)! - pos.get(b.record.id)!);
}

/** A task's place in the queue (1 = next), or null when it is not queued. */
export function queuePosition(repo: string, id: string): number | null {
  const i = queuedTasks(repo).findIndex((t) => t.record.id === id);
  return i < 0 ? null : i + 1;
}

/**
 * Start queued runs while slots are free (FIFO). A queued task that cannot start (its agent is gone, its
 * worktree removed) leaves the queue as `stopped` with the reason, and the next one is tried. Returns the
 * ids started. `start` is the runner's startTask (passed in to keep the import one way).
 */
export async function startQueued(repo: string, start: (taskDir: string) => Promise<unknown>): Promise<string[]> {
  let max: number | undefined;
  try {
    max = loadConfig(repo).maxParallel;
  } catch {
    return []; // a broken config: nothing starts until it is fixed (the next run says why)
  }
  return withQueueLock(repo, async () => {
    const started: string[] = [];
    const tried = new Set<string>();
    for (;;) {
      const next = queuedTasks(repo).find((t) => !tried.has(t.record.id));
      if (!next || (max !== undefined && runningTasks(repo).length >= max)) break;
      tried.add(next.record.id);
      try {
        await start(next.record.taskDir);
        started.push(next.record.id);
      } catch (error) {
        if (error instanceof QueueBusy) continue;
        await leaveQueue(next.record.taskDir, `could not start from the queue: ${errorLine(error)}`).catch(() => {});
      }
    }
    return started;
  });
}

/** Take a queued task out of the queue (`stop`, or a start that failed): it is `stopped`, nothing ran. */
export async function leaveQueue(taskDir: string, reason: string): Promise<boolean> {
  try {
    await applyTaskEvent(taskDir, 'dequeue', { reason, change: (t) => void delete t.queue });
    return true;
  } catch (error) {
    if (error instanceof UserError) return false; // not queued (any more): left as it is
    throw error;
  }
}
