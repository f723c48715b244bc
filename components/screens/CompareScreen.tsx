// Best of N: the attempts of one group side by side (state, checks, diff size, cost, risk flags, reviewer
// verdict, the agent's recommendation) with the one to review first; `enter` reviews the selected attempt.
// The comparison comes from the engine (services.compareGroup); this screen only draws it.
import { Box, Text } from 'ink';
import type { Dispatch } from 'react';
import type { TaskEntry } from '../../src/app/types.js';
import { comparisonRows, pickLine } from '../../src/core/attempts.js';
import { oneRow } from '../../src/core/terminal-text.js';
import { useComparison } from '../hooks/useComparison.js';
import { useKeyHint, useKeys } from '../key-stack.js';
import { Footer } from '../parts/Footer.js';
import { StatusLine } from '../parts/StatusLine.js';
import type { AppAction, AppState } from '../state/app.js';
import { alignColumns, groupMembers } from '../state/compare.js';
import { windowTop } from '../state/dashboard.js';
import { stateColor, theme } from '../theme.js';

export interface CompareScreenProps {
  /** The attempt the screen was opened on (its group is compared). */
  task: TaskEntry;
  tasks: readonly TaskEntry[];
  app: AppState;
  appDispatch: Dispatch<AppAction>;
  columns: number;
  rows: number;
  active: boolean;
}

export function CompareScreen({ task, tasks, app, appDispatch, columns, rows, active }: CompareScreenProps) {
  const keyHint = useKeyHint();
  const group = task.record.group?.id ?? task.record.id;
  const members = groupMembers(tasks, task.record.repo, group);
  /** The listed task of an attempt (its id as the list shows it: `repo/id` under `wtagents --all`). */
  const entryOf = (index: number) => members.find((t) => t.record.group?.index === index);
  const [s, dispatch] = useComparison(task, tasks);
  const c = s.comparison;
  const selected = c?.attempts.find((a) => a.id === s.selectedId) ?? null;

  useKeys(
    'compare',
    {
      down: () => dispatch({ type: 'move', delta: 1 }),
      up: () => dispatch({ type: 'move', delta: -1 }),
      open: () => {
        const entry = selected && entryOf(selected.index);
        if (entry) appDispatch({ type: 'open', page: 'review', taskId: entry.record.id, returnTo: 'compare' });
      },
      help: () => appDispatch({ type: 'help', screen: 'compare' }),
      back: () => appDispatch({ type: 'back' }),
    },
    { active, disabled: (action) => (action === 'open' && !selected ? 'no attempt to review yet' : null), onDisabled: (text) => appDispatch({ type: 'message', message: { text, tone: 'error' } }) },
  );

  const body: { key: string; text: string; color?: string | undefined; inverse?: boolean; bold?: boolean; dim?: boolean }[] = [];
  const line = (text: string, o: Omit<(typeof body)[number], 'key' | 'text'> = {}) => body.push({ key: String(body.length), text, ...o });
  if (!c) {
    line(s.error ? `could not compare the attempts: ${s.error}` : 'comparing the attempts…', s.error ? { color: theme.error } : { dim: true });
  } else {
    line(pickLine(c), { color: theme.accent });
    line('');
    const table = alignColumns(comparisonRows(c));
    line(table[0]!, { dim: true });
    const room = Math.max(1, rows - 11); // title, status, footer; best line, blank, header; blank + 3 detail lines; an error line
    const index = c.attempts.findIndex((a) => a.id === s.selectedId);
    const top = windowTop(c.attempts.length, index, room);
    c.attempts.slice(top, top + room).forEach((a, i) => line(table[top + i + 1]!, { inverse: a.id === s.selectedId, color: stateColor(a.state as TaskEntry['state']) }));
    if (selected) {
      const entry = entryOf(selected.index);
      line('');
      line(`${selected.id} · ${selected.agent}${entry ? ` · ⎇ ${entry.record.branch}` : ''} · ${selected.state}`, { bold: true });
      line(`risk flags: ${selected.risks.length > 0 ? [...new Set(selected.risks)].join(', ') : 'none'}`);
      line(`reviewer: ${selected.verdict ?? 'no review step'}   agent says: ${selected.recommendation ?? '-'}`);
    }
    if (s.error) line(`(last refresh failed: ${s.error})`, { color: theme.error });
  }
  const title = `Compare ⑂ ${group}: ${oneRow(task.record.title)}${c ? ` · ${c.attempts.length} attempts` : ''}`;
  const hint = `${keyHint('compare.open')}: review the selected attempt   ${keyHint('compare.back')}: back`;
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Box width={columns} height={1}>
        <Text bold color={theme.accent} wrap="truncate-end">
          {title}
        </Text>
      </Box>
      <Box flexDirection="column" width={columns} height={Math.max(1, rows - 3)} overflow="hidden">
        {body.map((l) => (
          <Text key={l.key} wrap="truncate-end" color={l.color} inverse={l.inverse} bold={l.bold} dimColor={l.dim}>
            {l.text === '' ? ' ' : l.text}
          </Text>
        ))}
      </Box>
      <StatusLine width={columns} confirm={app.confirm} message={app.message} hint={hint} />
      <Footer screen={app.confirm ? 'confirm' : 'compare'} width={columns} />
    </Box>
  );
}
