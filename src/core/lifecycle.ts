// The task lifecycle (DESIGN §4): states, events and the one pure transition function.
import { UserError } from './errors.js';

export const TASK_STATES = [
  'draft',
  'ready',
  'queued',
  'running',
  'done',
  'failed',
  'stopped',
  'interrupted',
  'changes-requested',
  'conflict',
  'merged',
  'abandoned',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const TASK_EVENTS = [
  'worktree-created',
  'enqueue',
  'dequeue',
  'start',
  'exit-ok',
  'exit-fail',
  'stop',
  'vanish',
  'runner-lost',
  'runner-back',
  'request-changes',
  'merge',
  'merge-conflict',
  'abandon',
  'takeover',
] as const;
export type TaskEvent = (typeof TASK_EVENTS)[number];

/** States whose work can be reviewed and decided on (merge, request changes, abandon, rerun). */
const REVIEWABLE: readonly TaskState[] = ['ready', 'done', 'failed', 'stopped', 'interrupted', 'changes-requested', 'conflict'];

const TABLE: Record<TaskEvent, { from: readonly TaskState[]; to: TaskState }> = {
  'worktree-created': { from: ['draft'], to: 'ready' },
  // Waiting for a free slot (config maxParallel); `stop` takes it out of the queue.
  enqueue: { from: REVIEWABLE, to: 'queued' },
  dequeue: { from: ['queued'], to: 'stopped' },
  start: { from: [...REVIEWABLE, 'queued'], to: 'running' },
  'exit-ok': { from: ['running'], to: 'done' },
  'exit-fail': { from: ['running'], to: 'failed' },
  stop: { from: ['running'], to: 'stopped' },
  // From interrupted too: a run whose runner was lost ends without its host answering again (stopped meanwhile).
  vanish: { from: ['running', 'interrupted'], to: 'interrupted' },
  // A run on another host (docs/runners.md): the host stopped answering (`interrupted (runner unreachable)`,
  // the record's runnerLost) and answers again (the run is followed on; its true state comes from the host).
  'runner-lost': { from: ['running'], to: 'interrupted' },
  'runner-back': { from: ['interrupted'], to: 'running' },
  'request-changes': { from: REVIEWABLE, to: 'changes-requested' },
  merge: { from: REVIEWABLE, to: 'merged' },
  'merge-conflict': { from: REVIEWABLE, to: 'conflict' },
  abandon: { from: ['draft', 'queued', ...REVIEWABLE], to: 'abandoned' },
  // The user worked in the agent's own interactive CLI (`wtagents takeover`, `i`): its work is up for review again.
  takeover: { from: REVIEWABLE, to: 'done' },
};

/** The state after `event`, or null when the event is not allowed from `from`. */
export function nextState(from: TaskState, event: TaskEvent): TaskState | null {
  const rule = TABLE[event];
  return rule.from.includes(from) ? rule.to : null;
}

/** Like nextState, but a refused transition is a clear user error. */
export function transition(from: TaskState, event: TaskEvent): TaskState {
  const to = nextState(from, event);
  if (to === null) throw new UserError(`cannot ${event.replaceAll('-', ' ')} a task that is ${from}`);
  return to;
}

/** States after which nothing more happens to the task. */
export function isFinal(state: TaskState): boolean {
  return state === 'merged' || state === 'abandoned';
}

