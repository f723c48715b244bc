// What every review decision shares: the task's decision lock (a second decider fails at once), and
// recording the outcome — the state through applyTaskEvent (the lifecycle table), then review/decision.json.
import type { DecisionRecord } from '../core/decision.js';
import { UserError } from '../core/errors.js';
import { isFinal, nextState, type TaskEvent, type TaskState } from '../core/lifecycle.js';
import type { TaskRecord } from '../core/task.js';
import { agentGroupAlive, graceMs, settleWithoutSupervisor } from '../runner/stop.js';
import { writeJsonAtomic } from '../store/atomic.js';
import { takeDecisionLock, type DecisionLock } from '../store/decision-lock.js';
import { applyTaskEvent } from '../store/task-state.js';
import { effectiveState, readTask, runnerLostButFollowed, runnerLostRefusal } from '../store/tasks.js';
import { reviewPaths } from './paths.js';

/**
 * Run `fn` holding the task's decision lock. Two TUIs, or a TUI and the CLI, cannot decide at the same
 * time, nor start a run while a decision is under way: the second gets a clear error instead of waiting.
 * `fn` gets the task as read under the lock, and the lock (to start a run under it: request changes).
 */
export async function withDecisionLock<T>(taskDir: string, fn: (task: TaskRecord, lock: DecisionLock) => Promise<T>): Promise<T> {
  const first = readTask(taskDir);
  const lock = takeDecisionLock(taskDir, (file) => `task ${first.id}: another review decision is in progress (${file}); try again when it is done`);
  try {
    const task = await settleInterrupted(taskDir);
    const settled = await (await import('./pending.js')).settlePending(taskDir);
    if (settled === null) return await fn(task, lock);
    const now = readTask(taskDir);
    if (isFinal(now.state)) throw new UserError(`task ${now.id}: ${settled}; the task is ${now.state} (review/decision.json)`);
    return await fn(now, lock);
  } finally {
    lock.release();
  }
}

/** Finish or roll back a decision a kill left pending (when no one else is deciding); what was done, or null. */
export async function settlePendingDecision(taskDir: string): Promise<string | null> {
  let lock: DecisionLock;
  try {
    lock = takeDecisionLock(taskDir, () => 'busy');
  } catch {
    return null; // someone is deciding: theirs to settle
  }
  try {
    return await (await import('./pending.js')).settlePending(taskDir);
  } finally {
    lock.release();
  }
}

/**
 * The task as a decision may take it. A task recorded running whose supervisor is gone (interrupted) is
 * refused while its agent's process group still lives — it may still be writing in the worktree that the
 * decision removes or hands to a new round; nothing is killed without an explicit stop — and otherwise
 * recorded interrupted first.
 */
async function settleInterrupted(taskDir: string): Promise<TaskRecord> {
  const task = readTask(taskDir);
  if (runnerLostButFollowed(task)) throw runnerLostRefusal(task, 'decide on');
  if (task.state !== 'running' || effectiveState(task) === 'running') return task;
  const agent = task.processes.agent;
  if (agentGroupAlive(agent)) {
    throw new UserError(`task ${task.id} was interrupted but its agent (process group ${agent!.pid}) is still running in the worktree: stop it first (wtagents stop ${task.id}), then decide`);
  }
  return settleWithoutSupervisor(taskDir, graceMs(task), 'interrupted');
}

/** The state the task moves to on `event`, from the state it is really in; a refusal is a clear error. */
export function checkTransition(task: TaskRecord, event: TaskEvent): { from: TaskState; to: TaskState } {
  if (task.archived && event !== 'abandon') {
    throw new UserError(`task ${task.id} is archived (its worktree was freed, its work in ${task.archived.patch}): restore it first with: wtagents archive ${task.id} --restore`);
  }
  const from = effectiveState(task);
  const to = nextState(from, event);
  if (to !== null) return { from, to };
  throw new UserError(refusal(task, from, event));
}

/** Why `event` cannot be decided on a task that is `from`, and what to do. */
function refusal(task: TaskRecord, from: TaskState, event: TaskEvent): string {
  const what = event === 'request-changes' ? 'request changes on' : event.replaceAll('-', ' ');
  const hint =
    from === 'running'
      ? `; wait for it to finish or stop it (wtagents stop ${task.id})`
      : isFinal(from)
        ? ' (the decision is in review/decision.json)'
        : '';
  return `cannot ${what} a task that is ${from}${hint}`;
}

export interface RecordInput {
  decision: DecisionRecord;
  event: TaskEvent;
  /** The `detail` of the review.decision event. */
  detail: string;
  /** Extra changes to task.json made with the state change. */
  change?: (t: TaskRecord) => void;
}

/** Record a decision's outcome: the state through the lifecycle table (review.decision + task.state, then task.json), then review/decision.json. */
export async function recordDecision(taskDir: string, input: RecordInput): Promise<TaskRecord> {
  const { record } = await applyTaskEvent(taskDir, input.event, {
    reason: `review: ${input.decision.decision}`,
    events: [{ type: 'review.decision', decision: input.decision.decision, detail: input.detail }],
    refused: (t) => refusal(t, t.state, input.event),
    ...(input.change ? { change: input.change } : {}),
  });
  writeJsonAtomic(reviewPaths(taskDir).decision, input.decision);
  return record;
}

/** A decision.json skeleton for this task. */
export function baseDecision(task: TaskRecord, decision: DecisionRecord['decision'], outcome: DecisionRecord['outcome']): DecisionRecord {
  return { v: 1, task: task.id, decision, outcome, at: new Date().toISOString(), round: task.round, branch: task.branch };
}
