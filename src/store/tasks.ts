// Task directories: read and write task.json, list a repository's tasks, find one by id.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { TaskRecord } from '../core/task.js';
import type { TaskState } from '../core/lifecycle.js';
import { writeJsonAtomic } from './atomic.js';
import { withLock } from './lock.js';
import { taskJsonPath, taskPaths } from './layout.js';
import { isProcessAlive } from './process-info.js';
import { compareText } from '../core/task-summary.js';
import { listTaskDirs } from './task-dirs.js';

/** Read and validate a task directory's task.json. */
export function readTask(taskDir: string): TaskRecord {
  const file = taskJsonPath(taskDir);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'not valid JSON';
    throw new UserError(`task record ${file} is ${why}`);
  }
  const parsed = TaskRecord.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`task record ${file} is invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}

export function writeTask(record: TaskRecord): void {
  writeJsonAtomic(taskPaths(record.taskDir).taskJson, record);
}

/**
 * Read-modify-write task.json under the task's lock (waited for without blocking the event loop); resolves
 * to the record as written. Not for the state: a state change goes through applyTaskEvent (task-state.ts).
 */
export function updateTask(taskDir: string, change: (t: TaskRecord) => TaskRecord | void | Promise<TaskRecord | void>): Promise<TaskRecord> {
  return withTaskLock(taskDir, async () => {
    const current = readTask(taskDir);
    const next = (await change(current)) ?? current;
    next.updatedAt = new Date().toISOString();
    writeTask(next);
    return next;
  });
}

/** Run `fn` holding the task's lock (task.json's read-modify-writes take it). */
export function withTaskLock<T>(taskDir: string, fn: () => T | Promise<T>): Promise<T> {
  return withLock(taskPaths(taskDir).taskLock, fn, { what: `task ${path.basename(taskDir)}` });
}

export { findTaskDir, listTaskDirs, readLink } from './task-dirs.js';

export interface TaskEntry {
  record: TaskRecord;
  /** The state to show: `interrupted` when task.json says running but its supervisor is gone. */
  state: TaskState;
}

/** The state a task is really in: a `running` record whose supervisor has vanished is `interrupted`. */
export function effectiveState(record: TaskRecord): TaskState {
  if (record.state !== 'running') return record.state;
  const sup = record.processes.supervisor;
  if (!sup) return 'interrupted';
  return isProcessAlive(sup) ? 'running' : 'interrupted';
}

/**
 * A run on another host whose host stopped answering: `interrupted (runner unreachable)` while its follower
 * (the recorded supervisor) lives and keeps trying. The host's run may still be going: no decision and no
 * new run may take the task until the host answers or the run is stopped.
 */
export function runnerLostButFollowed(record: TaskRecord): boolean {
  const sup = record.processes.supervisor;
  return record.state === 'interrupted' && record.runnerLost !== undefined && sup !== undefined && isProcessAlive(sup);
}

/** The refusal for a task that runnerLostButFollowed. */
export function runnerLostRefusal(record: TaskRecord, what: string): UserError {
  return new UserError(
    `cannot ${what} task ${record.id}: it is interrupted (runner ${record.runner ?? '?'} unreachable since ${record.runnerLost?.at ?? '?'}); its run may still be going there and wtagents takes its state when the host answers — or stop it first: wtagents stop ${record.id}`,
  );
}

/** All readable tasks of the repository; unreadable ones are reported through `onError`. */
export function listTasks(repoRoot: string, onError?: (dir: string, error: unknown) => void): TaskEntry[] {
  const entries: TaskEntry[] = [];
  for (const dir of listTaskDirs(repoRoot)) {
    try {
      const record = readTask(dir);
      entries.push({ record, state: effectiveState(record) });
    } catch (error) {
      onError?.(dir, error);
    }
  }
  return entries.sort((a, b) => compareText(a.record.createdAt, b.record.createdAt));
}

/** True when `dir` exists and is a directory holding anything. */
export function isNonEmptyDir(dir: string): boolean {
  try {
    return statSync(dir).isDirectory() && readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}
