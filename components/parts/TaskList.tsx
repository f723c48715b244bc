// The task list: one row per task (changed mark, state glyph, title, age, +added −removed, tokens/cost);
// only the rows that fit are rendered, the selected one kept in view.
import { Box, Text } from 'ink';
import { queuePositions, taskRowParts } from '../../src/core/task-summary.js';
import { cut } from '../../src/core/terminal-text.js';
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
}

export function TaskList({ tasks, selectedId, changed, counts, disk, prs, width, height, now, activity, newKey }: TaskListProps) {
  if (tasks.length === 0) {
    return (
      <Box width={width} height={height} overflow="hidden">
        <Text dimColor wrap="truncate-end">
          No tasks yet: press {newKey} to make one.
        </Text>
      </Box>
    );
  }
  const selected = tasks.findIndex((t) => t.record.id === selectedId);
  const queue = queuePositions(tasks);
  const top = windowTop(tasks.length, selected, height);
  const visible = tasks.slice(top, top + height);
  return (
    <Box width={width} height={height} flexDirection="column" overflow="hidden">
      {visible.map((t) => (
        <TaskRow
          key={t.record.id}
          task={t}
          width={width}
          now={now}
          selected={t.record.id === selectedId}
          changed={changed.has(t.record.id)}
          count={counts.get(t.record.id)}
          disk={disk?.get(t.record.id)}
          pr={prs?.get(t.record.id)}
          queuePosition={queue.get(t.record.id)}
          quiet={t.state === 'running' && now - (activity.get(t.record.id) ?? 0) > QUIET_MS}
        />
      ))}
    </Box>
  );
}

/** A running task whose trace has not grown for this long shows a hollow glyph. */
const QUIET_MS = 5000;

interface RowProps {
  task: TaskEntry;
  width: number;
  now: number;
  selected: boolean;
  changed: boolean;
  count: ChangeCount | undefined;
  disk: number | undefined;
  pr: string | undefined;
  queuePosition: number | undefined;
  quiet: boolean;
}

/**
 * One row is one Text (spans inside): the cheapest thing for Ink to lay out. The title is cut to the
 * room the facts leave (by characters; the row's own truncation catches wide ones).
 */
function TaskRow({ task, width, now, selected, changed, count, disk, pr, queuePosition, quiet }: RowProps) {
  const parts = taskRowParts(task, width - 4, now, count, disk, pr, queuePosition);
  const titleWidth = Math.max(1, width - 4 - (parts.meta.length + 1));
  const title = padTo(cut(parts.title, titleWidth), titleWidth);
  return (
    <Text wrap="truncate-end">
      <Text color={theme.changed} bold>
        {changed ? '•' : ' '}
      </Text>
      <Text color={stateColor(task.state)} inverse={selected}>
        {quiet ? '▷' : parts.glyph}
      </Text>
      <Text inverse={selected} bold={changed}>
        {` ${title}`}
      </Text>
      <Text dimColor={!selected} inverse={selected}>
        {`  ${parts.meta}`}
      </Text>
    </Text>
  );
}

/** Pad with spaces to `width` characters. */
function padTo(text: string, width: number): string {
  const n = [...text].length;
  return n >= width ? text : text + ' '.repeat(width - n);
}
