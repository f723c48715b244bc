// The selected task's live trace: a title row, then the newest rows that fit (newest at the bottom).
import { Box, Text } from 'ink';
import type { TraceBuffer } from '../state/trace-buffer.js';
import { stateColor } from '../theme.js';
import { TraceRows } from './TraceRows.js';
import type { TailStats, TaskEntry } from '../../src/app/types.js';

export interface TracePaneProps {
  task: TaskEntry | null;
  buffer: TraceBuffer | null;
  stats: TailStats | null;
  width: number;
  height: number;
}

export function TracePane({ task, buffer, stats, width, height }: TracePaneProps) {
  const bodyRows = Math.max(0, height - 1);
  const rows = buffer ? buffer.last(bodyRows) : [];
  const skipped = stats ? stats.malformed : 0;
  return (
    <Box width={width} height={height} flexDirection="column" overflow="hidden">
      <Box width={width} height={1}>
        <Text wrap="truncate-end" bold>
          {task ? (
            <>
              <Text color={stateColor(task.state)}>{task.state}</Text>
              <Text> {task.record.id}</Text>
              {skipped > 0 && <Text dimColor> · {skipped} unreadable lines skipped</Text>}
            </>
          ) : (
            <Text dimColor>no task selected</Text>
          )}
        </Text>
      </Box>
      <TraceRows rows={rows} width={width} height={bodyRows} showTime={width >= 50} />
    </Box>
  );
}
