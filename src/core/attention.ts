// What deserves the user's attention between two looks at the task list (pure): finished or failed tasks.
import type { TaskState } from './lifecycle.js';

export interface StateChange {
  id: string;
  title: string;
  from: TaskState | undefined;
  to: TaskState;
}

/** States that end a run and call for the user: a bell and a tmux message. */
const FINISHED: readonly TaskState[] = ['done', 'failed', 'interrupted'];

/** Tasks whose state changed since `before` (new tasks count as changes from undefined). */
export function stateChanges(before: ReadonlyMap<string, TaskState>, after: ReadonlyArray<{ id: string; title: string; state: TaskState }>): StateChange[] {
  const out: StateChange[] = [];
  for (const t of after) {
    const from = before.get(t.id);
    if (from !== t.state) out.push({ id: t.id, title: t.title, from, to: t.state });
  }
  return out;
}

/** The changes that ring the bell: a task we saw running has finished or failed. */
export function finishedRuns(changes: readonly StateChange[]): StateChange[] {
  return changes.filter((c) => c.from === 'running' && FINISHED.includes(c.to));
}

/** The one-line message for tmux's display-message. */
export function attentionMessage(finished: readonly StateChange[]): string {
  if (finished.length === 1) return `wtagents: ${finished[0]!.id} ${finished[0]!.to}`;
  return `wtagents: ${finished.map((c) => `${c.id} ${c.to}`).join(', ')}`;
}
