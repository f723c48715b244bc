// A task's decision lock (review/decision.lock): held while a review decision (merge, request changes,
// abandon) or the start of a run is under way, so none of them can interleave; never waited for.
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { taskPaths } from './layout.js';
import { describeLock, tryLock } from './lock.js';

/** Proof of holding a task's decision lock: a run started under it need not (and must not) take it again. */
export interface DecisionLock {
  readonly taskDir: string;
  readonly file: string;
  release(): void;
}

/**
 * Take the decision lock of the task in `taskDir` at once, or fail with `busy(file)` as a one-line error
 * when someone else holds it.
 */
export function takeDecisionLock(taskDir: string, busy: (file: string) => string): DecisionLock {
  const file = taskPaths(taskDir).decisionLock;
  const got = tryLock(file);
  if ('holder' in got) {
    const owner = describeLock(file);
    throw new UserError(`${busy(file)}${owner ? ` (held by ${owner}; if no wtagents command is at work on it, see: wtagents doctor)` : ''}`);
  }
  return { taskDir: path.resolve(taskDir), file, release: got.release };
}

/** True when `lock` is the decision lock of the task in `taskDir`. */
export function holdsDecisionLock(lock: DecisionLock | undefined, taskDir: string): boolean {
  return lock !== undefined && lock.taskDir === path.resolve(taskDir);
}
