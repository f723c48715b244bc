// The dashboard's state (pure reducer): the ordered task list, the selection (by id), which tasks changed
// since you last looked, and the attention requests (bell + tmux message) when a run finishes.
import { attentionMessage, finishedRuns, stateChanges } from '../../src/core/attention.js';
import type { TaskState } from '../../src/core/lifecycle.js';
import { sortForList } from '../../src/core/task-summary.js';
import type { TaskEntry } from '../../src/app/types.js';

export interface DashboardState {
  tasks: TaskEntry[];
  selectedId: string | null;
  /** Tasks whose state changed while not selected. */
  changed: ReadonlySet<string>;
  /** The state of each task at the last update (to see what changed). */
  lastStates: ReadonlyMap<string, TaskState>;
  /** Bumped once per batch of finished runs; the view rings the bell when it changes. */
  attention: { seq: number; message: string };
  loaded: boolean;
}

export type DashboardAction =
  | { type: 'tasks'; tasks: TaskEntry[] }
  | { type: 'move'; delta: number }
  | { type: 'select'; id: string };

export const initialDashboard: DashboardState = {
  tasks: [],
  selectedId: null,
  changed: new Set(),
  lastStates: new Map(),
  attention: { seq: 0, message: '' },
  loaded: false,
};

export function dashboardReducer(state: DashboardState, action: DashboardAction): DashboardState {
  switch (action.type) {
    case 'tasks': {
      const sorted = byRepository(sortForList(keepUnchanged(state.tasks, action.tasks)), action.tasks);
      const tasks = sorted.length === state.tasks.length && sorted.every((t, i) => t === state.tasks[i]) ? state.tasks : sorted;
      const changes = stateChanges(
        state.lastStates,
        tasks.map((t) => ({ id: t.record.id, title: t.record.title, state: t.state })),
      );
      const ids = new Set(tasks.map((t) => t.record.id));
      let selectedId = state.selectedId !== null && ids.has(state.selectedId) ? state.selectedId : null;
      if (selectedId === null) selectedId = neighbour(state, tasks) ?? null;
      const changed = new Set([...state.changed].filter((id) => ids.has(id)));
      if (state.loaded) {
        for (const c of changes) if (c.id !== selectedId) changed.add(c.id);
      }
      const finished = state.loaded ? finishedRuns(changes) : [];
      const attention = finished.length > 0 ? { seq: state.attention.seq + 1, message: attentionMessage(finished) } : state.attention;
      const lastStates = new Map(tasks.map((t) => [t.record.id, t.state] as const));
      const quiet = state.loaded && tasks === state.tasks && selectedId === state.selectedId && changed.size === state.changed.size && attention === state.attention;
      if (quiet) return state; // nothing moved: no render
      return { tasks, selectedId, changed, lastStates, attention, loaded: true };
    }
    case 'move': {
      if (state.tasks.length === 0) return state;
      const i = state.tasks.findIndex((t) => t.record.id === state.selectedId);
      const next = Math.max(0, Math.min(state.tasks.length - 1, (i === -1 ? 0 : i) + action.delta));
      return select(state, state.tasks[next]!.record.id);
    }
    case 'select':
      return state.tasks.some((t) => t.record.id === action.id) ? select(state, action.id) : state;
  }
}

/**
 * The re-read tasks, each replaced by the entry already held when nothing in it changed: rows and effects
 * that take an entry then see the same object, and do nothing again (the list is re-read every few seconds).
 */
function keepUnchanged(held: readonly TaskEntry[], read: TaskEntry[]): TaskEntry[] {
  if (held.length === 0) return read;
  const byId = new Map(held.map((t) => [t.record.id, t] as const));
  return read.map((t) => {
    const old = byId.get(t.record.id);
    return old && old.state === t.state && JSON.stringify(old.record) === JSON.stringify(t.record) ? old : t;
  });
}

/** Tasks of several repositories (`wtagents --all`) stay together, the repositories in the order they were read. */
function byRepository(sorted: TaskEntry[], read: readonly TaskEntry[]): TaskEntry[] {
  const order = new Map<string, number>();
  for (const t of read) if (!order.has(t.record.repo)) order.set(t.record.repo, order.size);
  if (order.size < 2) return sorted;
  return sorted.map((t, i) => [t, i] as const).sort(([a, i], [b, j]) => order.get(a.record.repo)! - order.get(b.record.repo)! || i - j).map(([t]) => t);
}

function select(state: DashboardState, id: string): DashboardState {
  if (id === state.selectedId && !state.changed.has(id)) return state;
  const changed = new Set(state.changed);
  changed.delete(id);
  return { ...state, selectedId: id, changed };
}

/** When the selected task disappears: the task that was next to it, else the first. */
function neighbour(state: DashboardState, tasks: TaskEntry[]): string | undefined {
  if (tasks.length === 0) return undefined;
  const old = state.tasks.findIndex((t) => t.record.id === state.selectedId);
  if (old === -1) return tasks[0]!.record.id;
  for (let i = old; i < state.tasks.length; i++) {
    const id = state.tasks[i]!.record.id;
    if (tasks.some((t) => t.record.id === id)) return id;
  }
  return tasks[tasks.length - 1]!.record.id;
}

export function selectedTask(state: DashboardState): TaskEntry | null {
  return state.tasks.find((t) => t.record.id === state.selectedId) ?? null;
}

/** The first row of a `rows`-high window over `count` items that keeps `selected` in view (centred). */
export function windowTop(count: number, selected: number, rows: number): number {
  if (count <= rows || selected < 0) return 0;
  return Math.max(0, Math.min(selected - Math.floor(rows / 2), count - rows));
}
