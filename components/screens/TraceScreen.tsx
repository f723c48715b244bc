// The full trace of one task, pageable: only the lines on screen are read from disk and formatted;
// it follows new lines while at the end.
import { Box, Text } from 'ink';
import { useEffect, useMemo, useReducer, type Dispatch } from 'react';
import { coalesce } from '../../src/core/coalesce.js';
import { formatTraceEvent, malformedRow, type TraceRow } from '../../src/core/trace-format.js';
import { useServices } from '../context.js';
import { useKeys } from '../key-stack.js';
import { Footer } from '../parts/Footer.js';
import { TraceRows } from '../parts/TraceRows.js';
import type { AppAction } from '../state/app.js';
import { initialPager, pagerReducer } from '../state/pager.js';
import { stateColor } from '../theme.js';
import type { TaskEntry } from '../../src/app/types.js';

export interface TraceScreenProps {
  task: TaskEntry;
  columns: number;
  rows: number;
  active: boolean;
  appDispatch: Dispatch<AppAction>;
}

export function TraceScreen({ task, columns, rows, active, appDispatch }: TraceScreenProps) {
  const services = useServices();
  const page = Math.max(1, rows - 2);
  const pager = useMemo(() => services.tracePager(task.record.taskDir), [services, task.record.taskDir]);
  const [s, dispatch] = useReducer(pagerReducer, page, initialPager);

  useEffect(() => dispatch({ type: 'resize', page }), [page]);
  useEffect(() => {
    dispatch({ type: 'lines', total: pager.refresh() });
    const refresh = coalesce(() => dispatch({ type: 'lines', total: pager.refresh() }), 50);
    const { stop } = services.followTrace(task.record.taskDir, () => refresh.request(), { backlogBytes: 0 });
    const timer = setInterval(() => refresh.request(), 1000);
    return () => {
      stop();
      clearInterval(timer);
      refresh.cancel();
    };
  }, [pager, services, task.record.taskDir]);

  useKeys(
    'trace',
    {
      down: () => dispatch({ type: 'scroll', by: 1 }),
      up: () => dispatch({ type: 'scroll', by: -1 }),
      pageDown: () => dispatch({ type: 'pageDown' }),
      pageUp: () => dispatch({ type: 'pageUp' }),
      top: () => dispatch({ type: 'top' }),
      bottom: () => dispatch({ type: 'bottom' }),
      help: () => appDispatch({ type: 'help', screen: 'trace' }),
      back: () => appDispatch({ type: 'back' }),
    },
    { active },
  );

  const lines: TraceRow[] = pager
    .read(s.top, s.top + page)
    .map((p, i) => (p.kind === 'event' ? formatTraceEvent(p.event) : malformedRow(-(s.top + i + 1), p.kind === 'unknown' ? `unknown type ${p.type}` : p.reason)));
  const last = Math.min(s.total, s.top + page);
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Box width={columns} height={1}>
        <Text bold wrap="truncate-end">
          <Text color={stateColor(task.state)}>{task.state}</Text> {task.record.id}
          <Text dimColor>
            {' '}
            · lines {s.total === 0 ? 0 : s.top + 1}–{last} of {s.total}
            {s.follow ? ' · following' : ''}
          </Text>
        </Text>
      </Box>
      <TraceRows rows={lines} width={columns} height={page} showTime={columns >= 50} />
      <Footer screen="trace" width={columns} />
    </Box>
  );
}
