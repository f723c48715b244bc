// The one door for a task's state: a lifecycle event applied under the task's lock. The table is checked
// against the recorded state (a refusal writes nothing), then — always in this order — the `task.state`
// event is appended to the trace and task.json is written. Trace first: a follower that stops when
// task.json leaves `running` (logs --follow) then finds the event already in the trace.
import { UserError } from '../core/errors.js';
import { nextState, type TaskEvent, type TaskState } from '../core/lifecycle.js';
import type { TaskRecord } from '../core/task.js';
import type { NewTraceEvent } from '../core/trace-schema.js';
import { readTask, withTaskLock, writeTask } from './tasks.js';
import { appendTrace } from './trace-writer.js';
import { stateChanged } from './state-hook.js';

export interface TaskEventInput {
  /** The `reason` of the task.state event. */
  reason?: string;
  /** Trace events appended just before task.state, in the same append (e.g. review.decision). */
  events?: readonly NewTraceEvent[];
  /** The round the events belong to (default: the record's round after `change`). */
  round?: number;
  /** Refuse (throw) under the lock, before anything is written; `to` is what the table allows. */
  check?(task: TaskRecord, to: TaskState): void;
  /** The rest of the change, made with the state (under the lock, before anything is written). */
  change?(task: TaskRecord): void | Promise<void>;
  /** The trace append failed (a full disk): note it on the record, which is written all the same (default: throw). */
  onTraceError?(error: unknown, task: TaskRecord): void;
  /** How a refusal by the table reads (default: "cannot <event> task ID: it is <state>"). */
  refused?(task: TaskRecord): string;
}

export interface TaskEventResult {
  record: TaskRecord;
  from: TaskState;
  to: TaskState;
}

/** Apply `event` to the task in `taskDir` (see the file comment); resolves to the record as written. */
export function applyTaskEvent(taskDir: string, event: TaskEvent, input: TaskEventInput = {}): Promise<TaskEventResult> {
  return withTaskLock(taskDir, async () => {
    const task = readTask(taskDir);
    const from = task.state;
    const to = nextState(from, event);
    if (to === null) throw new UserError(input.refused?.(task) ?? `cannot ${event.replaceAll('-', ' ')} task ${task.id}: it is ${from}`);
    input.check?.(task, to);
    task.state = to;
    await input.change?.(task);
    task.updatedAt = new Date().toISOString();
    const ctx = { taskDir, task: task.id, round: input.round ?? task.round };
    try {
      await appendTrace(ctx, [...(input.events ?? []), { type: 'task.state', state: to, ...(input.reason !== undefined ? { reason: input.reason } : {}) }]);
    } catch (error) {
      if (!input.onTraceError) throw error;
      input.onTraceError(error, task);
    }
    writeTask(task);
    if (to !== from) stateChanged(task, from); // config hooks.onStateChange, detached
    return { record: task, from, to };
  });
}
