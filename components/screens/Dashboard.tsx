// The dashboard: header, task list, the selected task's live trace, status line and footer.
// Two columns from 80 columns up; below that (or with --pane) one column that fits a tmux side pane.
import { Box, useApp } from 'ink';
import { useEffect, type Dispatch } from 'react';
import { errorLine } from '../../src/core/errors.js';
import { formatBytes, plural } from '../../src/core/format.js';
import type { Action } from '../../src/core/keys.js';
import { countByState } from '../../src/core/task-summary.js';
import { useServices } from '../context.js';
import { useChangeCounts } from '../hooks/useChangeCounts.js';
import { useDiskUsage } from '../hooks/useDiskUsage.js';
import { usePrStates } from '../hooks/usePrStates.js';
import { CLEAN_DEFAULTS } from '../clean-up.js';
import { takeOver } from '../take-over.js';
import { useKeyHint, useKeys } from '../key-stack.js';
import { useNow } from '../hooks/useNow.js';
import { useTraceFeed } from '../hooks/useTraceFeed.js';
import { Footer } from '../parts/Footer.js';
import { Header } from '../parts/Header.js';
import { StatusLine } from '../parts/StatusLine.js';
import { TaskList, visibleTasks } from '../parts/TaskList.js';
import { TracePane } from '../parts/TracePane.js';
import type { AppAction, AppState } from '../state/app.js';
import { selectedTask, type DashboardAction, type DashboardState } from '../state/dashboard.js';

/** Narrower than this, the dashboard is one column. */
export const WIDE_MIN_COLUMNS = 80;

/** One column or two, the rows below the header, and how many of them the task list has. */
function dashboardLayout(columns: number, rows: number, forcePane: boolean, tasks: number): { narrow: boolean; bodyRows: number; listRows: number } {
  const narrow = forcePane || columns < WIDE_MIN_COLUMNS;
  const bodyRows = Math.max(1, rows - 3);
  const listRows = narrow ? Math.min(bodyRows, Math.max(1, Math.min(Math.max(tasks, 1), Math.max(3, Math.floor(bodyRows / 2))))) : bodyRows;
  return { narrow, bodyRows, listRows };
}

export interface DashboardProps {
  dash: DashboardState;
  dispatch: Dispatch<DashboardAction>;
  app: AppState;
  appDispatch: Dispatch<AppAction>;
  columns: number;
  rows: number;
  forcePane: boolean;
  base: string | null;
  active: boolean;
  onQuit: () => void;
}

export function Dashboard({ dash, dispatch, app, appDispatch, columns, rows, forcePane, base, active, onQuit }: DashboardProps) {
  const services = useServices();
  const { suspendTerminal } = useApp();
  const now = useNow(1000);
  const feed = useTraceFeed(dash.tasks, dash.selectedId);
  const counts = useChangeCounts(dash.tasks, feed.edits);
  const layout = dashboardLayout(columns, rows, forcePane, dash.tasks.length);
  const groups = services.repoGroups?.();
  const disk = useDiskUsage(visibleTasks(dash.tasks, dash.selectedId, layout.listRows, groups));
  const prs = usePrStates(dash.tasks);
  const task = selectedTask(dash);
  const taskRepo = task?.record.repo;
  useEffect(() => {
    if (taskRepo !== undefined) services.focus?.(taskRepo); // --all: a new task goes to the selected task's repository
  }, [services, taskRepo]);
  const say = (text: string, tone: 'info' | 'error' = 'info') => appDispatch({ type: 'message', message: { text, tone } });
  const keyHint = useKeyHint();
  const hint = (action: Action<'dashboard'>) => keyHint(`dashboard.${action}`);

  /** Why an action cannot act on the selected task now (null: it can). */
  const disabledReason = (action: Action<'dashboard'>): string | null => {
    if (['down', 'up', 'new', 'help', 'clean', 'quit'].includes(action)) return null;
    if (!task) return `no task selected: press ${hint('new')} to make one`;
    const id = task.record.id;
    switch (action) {
      case 'stop':
        return task.state !== 'running' ? `${id} is not running (${task.state})` : null;
      case 'rerun':
        return task.state === 'running' ? `${id} is already running` : null;
      case 'archive':
        if (task.state === 'running') return `${id} is running: stop it first (${hint('stop')})`;
        return services.worktreeExists(task.record) ? null : `${id} has no worktree to free`;
      case 'takeover':
        if (['merged', 'abandoned', 'draft', 'queued'].includes(task.state)) return `${id} is ${task.state}: there is no agent session to take over`;
        return services.worktreeExists(task.record) ? null : `${id} has no worktree to work in`;
      case 'shell':
        if (!services.inTmux) return `${hint('shell')} opens a tmux split: run wtagents inside tmux`;
        return services.worktreeExists(task.record) ? null : `${id} has no worktree (${task.record.mode})`;
      default:
        return null;
    }
  };

  const clean = () => {
    say('looking for finished tasks…');
    services.planClean(CLEAN_DEFAULTS).then(
      (plan) => {
        const todo = plan.filter((i) => i.actions.length > 0);
        if (todo.length === 0) return say('nothing to clean: no finished task holds a worktree');
        const bytes = todo.reduce((n, i) => n + i.bytes, 0);
        const question = `Free ${formatBytes(bytes)}: remove the worktrees of ${plural(todo.length, 'finished task')} (${todo.map((i) => i.id).join(', ')}), each saved and proven first?`;
        appDispatch({ type: 'confirm', confirm: { action: 'clean', taskId: '', question } });
      },
      (e: unknown) => say(`could not plan the clean-up: ${errorLine(e)}`, 'error'),
    );
  };
  /** The selected task's actions (disabledReason refuses them while no task is selected). */
  const withTask = (fn: (id: string, record: NonNullable<typeof task>['record']) => void) => () => {
    if (task) fn(task.record.id, task.record);
  };
  useKeys(
    'dashboard',
    {
      down: () => dispatch({ type: 'move', delta: 1 }),
      up: () => dispatch({ type: 'move', delta: -1 }),
      new: () => appDispatch({ type: 'open', page: 'newTask' }),
      help: () => appDispatch({ type: 'help', screen: 'dashboard' }),
      clean,
      quit: onQuit,
      // An attempt of a best-of-N group: compare the group's attempts first (enter there reviews one).
      open: withTask((id, record) => appDispatch({ type: 'open', page: record.group ? 'compare' : 'review', taskId: id })),
      trace: withTask((id) => appDispatch({ type: 'open', page: 'trace', taskId: id })),
      stop: withTask((id) => appDispatch({ type: 'confirm', confirm: { action: 'stop', taskId: id, question: `Stop ${id}?` } })),
      rerun: withTask((id, record) => {
        say(`starting ${id}…`);
        services.startRun(record.taskDir).then(
          () => say(`started ${id}`),
          (e: unknown) => say(`could not start ${id}: ${errorLine(e)}`, 'error'),
        );
      }),
      archive: withTask((id) =>
        appDispatch({ type: 'confirm', confirm: { action: 'archive', taskId: id, question: `Archive ${id}: save its whole worktree as a patch, prove it, then remove the worktree (branch, record and trace kept)?` } }),
      ),
      takeover: withTask((id, record) => {
        if (task?.state === 'running') return appDispatch({ type: 'confirm', confirm: { action: 'takeover', taskId: id, question: `${id} is running: stop it, then take it over in its agent CLI?` } });
        void takeOver(services, suspendTerminal, record.taskDir, id, say);
      }),
      shell: withTask((id, record) => {
        services.openShell(record.worktree).then(
          () => say(`opened a shell on ${id}'s worktree`),
          (e: unknown) => say(errorLine(e), 'error'),
        );
      }),
    },
    { active, disabled: disabledReason, onDisabled: (reason) => say(reason, 'error') },
  );

  const { narrow, bodyRows, listRows } = layout;
  const headerHint = task ? `⎇ ${task.record.branch} ← ${task.record.base}${task.record.port ? ` · port ${task.record.port}` : ''}` : `${hint('new')}: new task   ${hint('help')}: keys`;
  const list = (width: number, height: number) => (
    <TaskList tasks={dash.tasks} selectedId={dash.selectedId} changed={dash.changed} counts={counts} disk={disk} prs={prs} width={width} height={height} now={now} activity={feed.activity} newKey={hint('new')} groups={groups} />
  );
  const trace = (width: number, height: number) => <TracePane task={task} buffer={feed.buffer} stats={feed.stats} width={width} height={height} />;

  let body;
  if (narrow) {
    body = (
      <Box flexDirection="column" width={columns} height={bodyRows}>
        {list(columns, listRows)}
        {bodyRows > listRows && trace(columns, bodyRows - listRows)}
      </Box>
    );
  } else {
    const listWidth = Math.min(64, Math.floor(columns * 0.45));
    body = (
      <Box flexDirection="row" width={columns} height={bodyRows}>
        {list(listWidth, bodyRows)}
        <Box width={columns - listWidth} height={bodyRows} borderStyle="single" borderTop={false} borderBottom={false} borderRight={false} borderDimColor>
          {trace(columns - listWidth - 1, bodyRows)}
        </Box>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Header repo={services.repoName} base={base} counts={countByState(dash.tasks)} width={columns} compact={narrow} />
      {body}
      <StatusLine width={columns} confirm={app.confirm} message={app.message} hint={headerHint} />
      <Footer screen={app.confirm ? 'confirm' : 'dashboard'} width={columns} />
    </Box>
  );
}
