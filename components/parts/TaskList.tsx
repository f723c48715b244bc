// The task list: one row per task (changed mark, state glyph, title, age, +added −removed, tokens/cost);
// only the rows that fit are rendered, the selected one kept in view. A row's text is worked out here and
// the row is memoised on it: a row whose text did not change is not rendered again.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { queuePositions, taskRowParts } from '../../src/core/task-summary.js';
import { cut, oneRow } from '../../src/core/terminal-text.js';
import { windowTop } from '../state/dashboard.js';
import { stateColor, theme } from '../theme.js';
import type { ChangeCount, TaskEntry } from '../../src/app/types.js';

export interface TaskListProps {
  tasks: readonly TaskEntry[];
  selectedId: string | null;
  changed: ReadonlySet<string>;
  counts: ReadonlyMap<string, ChangeCount>;
  /** Disk each task holds (bytes), when measured. */
  disk?: ReadonlyMap<string, number>;
  /** Pull request states (open, draft, merged, closed), when asked. */
  prs?: ReadonlyMap<string, string>;
  width: number;
  height: number;
  now: number;
  /** When each running task's trace last grew: quiet ones show ▷ instead of ▶. */
  activity: ReadonlyMap<string, number>;
  /** The key that makes a new task (named in the empty list). */
  newKey: string;
  /** `wtagents --all`: the repositories, each a heading over its tasks (a missing one says so). */
  groups?: readonly RepoHeading[] | undefined;
}

export interface RepoHeading {
  path: string;
  label: string;
  status: string;
}

type ListRow = { kind: 'head'; group: RepoHeading; count: number } | { kind: 'task'; task: TaskEntry };

/** The rows: the tasks, or under `groups` each repository's heading then its tasks (in the list's order). */
function listRows(tasks: readonly TaskEntry[], groups: readonly RepoHeading[] | undefined): ListRow[] {
  if (!groups) return tasks.map((task) => ({ kind: 'task', task }));
  const rows: ListRow[] = [];
  const known = new Set(groups.map((g) => g.path));
  for (const group of groups) {
    const mine = tasks.filter((t) => t.record.repo === group.path);
    rows.push({ kind: 'head', group, count: mine.length }, ...mine.map((task) => ({ kind: 'task' as const, task })));
  }
  rows.push(...tasks.filter((t) => !known.has(t.record.repo)).map((task) => ({ kind: 'task' as const, task })));
  return rows;
}

/** The tasks whose rows the list shows at `height` rows (what is worth measuring for them: disk…). */
export function visibleTasks(tasks: readonly TaskEntry[], selectedId: string | null, height: number, groups?: readonly RepoHeading[]): TaskEntry[] {
  const rows = listRows(tasks, groups);
  const selected = rows.findIndex((r) => r.kind === 'task' && r.task.record.id === selectedId);
  const top = windowTop(rows.length, selected, height);
  return rows.slice(top, top + height).flatMap((r) => (r.kind === 'task' ? [r.task] : []));
}

export function TaskList({ tasks, selectedId, changed, counts, disk, prs, width, height, now, activity, newKey, groups }: TaskListProps) {
  if (tasks.length === 0 && !groups) {
    return (
      <Box width={width} height={height} overflow="hidden">
        <Text dimColor wrap="truncate-end">
          No tasks yet: press {newKey} to make one.
        </Text>
      </Box>
    );
  }
  const rows = listRows(tasks, groups);
  const selected = rows.findIndex((r) => r.kind === 'task' && r.task.record.id === selectedId);
  const queue = queuePositions(tasks);
  const top = windowTop(rows.length, selected, height);
  const visible = rows.slice(top, top + height);
  return (
    <Box width={width} height={height} flexDirection="column" overflow="hidden">
      {visible.map((row) => {
        if (row.kind === 'head') return <RepoRow key={`repo:${row.group.path}`} group={row.group} count={row.count} />;
        const t = row.task;
        const parts = taskRowParts(t, width - 4, now, counts.get(t.record.id), disk?.get(t.record.id), prs?.get(t.record.id), queue.get(t.record.id));
        const quiet = t.state === 'running' && now - (activity.get(t.record.id) ?? 0) > QUIET_MS;
        return (
          <TaskRow
            key={t.record.id}
            state={t.state}
            glyph={quiet ? '▷' : parts.glyph}
            title={parts.title}
            meta={parts.meta}
            width={width}
            selected={t.record.id === selectedId}
            changed={changed.has(t.record.id)}
          />
        );
      })}
    </Box>
  );
}

/** A running task whose trace has not grown for this long shows a hollow glyph. */
const QUIET_MS = 5000;

interface RowProps {
  state: TaskEntry['state'];
  glyph: string;
  title: string;
  meta: string;
  width: number;
  selected: boolean;
  changed: boolean;
}

/**
 * One row is one Text (spans inside): the cheapest thing for Ink to lay out. The title is cut to the
 * room the facts leave (by characters; the row's own truncation catches wide ones).
 */
const TaskRow = memo(function TaskRow({ state, glyph, title: text, meta, width, selected, changed }: RowProps) {
  const titleWidth = Math.max(1, width - 4 - (meta.length + 1));
  const title = padTo(cut(text, titleWidth), titleWidth);
  return (
    <Text wrap="truncate-end">
      <Text color={theme.changed} bold>
        {changed ? '•' : ' '}
      </Text>
      <Text color={stateColor(state)} inverse={selected}>
        {glyph}
      </Text>
      <Text inverse={selected} bold={changed}>
        {` ${title}`}
      </Text>
      <Text dimColor={!selected} inverse={selected}>
        {`  ${meta}`}
      </Text>
    </Text>
  );
});

/** A repository's heading: its name, and how many tasks, or why it has none (missing: moved or deleted). */
const RepoRow = memo(function RepoRow({ group, count }: { group: RepoHeading; count: number }) {
  const ok = group.status === 'ok';
  return (
    <Text wrap="truncate-end">
      <Text bold color={ok ? theme.accent : theme.error}>{`▸ ${oneRow(group.label)}`}</Text>
      <Text dimColor>{ok ? `  ${count === 0 ? 'no tasks' : `${count}`}` : `  ${group.status}: ${oneRow(group.path)}`}</Text>
    </Text>
  );
});

/** Pad with spaces to `width` characters. */
function padTo(text: string, width: number): string {
  const n = [...text].length;
  return n >= width ? text : text + ' '.repeat(width - n);
}
