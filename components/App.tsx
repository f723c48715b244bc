// The screen router: dashboard, full trace, new task, review, compare (best-of-N attempts), with the help overlay
// and confirmations on top.
// Task state lives here so it survives screen changes; attention (bell, tmux message) is raised here.
import { Box, Text, useApp, useWindowSize } from 'ink';
import { lazy, Suspense, useEffect, useReducer, useRef, useState } from 'react';
import { errorLine } from '../src/core/errors.js';
import { useServices } from './context.js';
import { useKeys } from './key-stack.js';
import { useTasks } from './hooks/useTasks.js';
import { Footer } from './parts/Footer.js';
import { HelpView } from './parts/HelpView.js';
import { Dashboard } from './screens/Dashboard.js';
import { CompareScreen } from './screens/CompareScreen.js';
import { ReviewScreen } from './screens/ReviewScreen.js';
import { TraceScreen } from './screens/TraceScreen.js';
import { activeScreen, appReducer, startApp } from './state/app.js';
import { isFinal } from '../src/core/lifecycle.js';
import { plural } from '../src/core/format.js';
import { runCleanUp } from './clean-up.js';
import { takeOver } from './take-over.js';

// The form (and its input widgets) is loaded when first opened: the first frame does not need it.
const NewTaskScreen = lazy(() => import('./screens/NewTaskScreen.js').then((m) => ({ default: m.NewTaskScreen })));

export interface AppProps {
  forcePane?: boolean;
  /** Open on this task's review instead of the dashboard (`wtagents review ID` on a terminal). */
  review?: string | null;
}

export function App({ forcePane = false, review = null }: AppProps) {
  const services = useServices();
  const { exit, suspendTerminal } = useApp();
  const { columns, rows } = useWindowSize();
  const [dash, dispatch] = useTasks();
  const [app, appDispatch] = useReducer(appReducer, review, startApp);
  const [base, setBase] = useState<string | null>(null);
  const rang = useRef(dash.attention.seq);
  const screen = activeScreen(app);

  useEffect(() => {
    services.currentBranch().then(setBase, () => {});
  }, [services]);

  useEffect(() => {
    if (dash.attention.seq === rang.current) return;
    rang.current = dash.attention.seq;
    services.bell();
    services.notify(dash.attention.message).catch(() => {});
  }, [dash.attention, services]);

  useKeys('help', { back: () => appDispatch({ type: 'closeHelp' }) }, { layer: 'help', active: app.help !== null });
  const confirmed = () => {
    const c = app.confirm;
    appDispatch({ type: 'closeConfirm' });
    if (!c) return;
    const say = (text: string, tone: 'info' | 'error') => appDispatch({ type: 'message', message: { text, tone } });
    if (c.action === 'clean') return void runCleanUp(services, say);
    const task = dash.tasks.find((t) => t.record.id === c.taskId);
    if (!task) return;
    if (c.action === 'abandonOthers') {
      say(`abandoning the other attempts of ${task.record.group?.id ?? c.taskId}…`, 'info');
      services.abandonOthers(task.record.taskDir).then(
        (lines) => {
          dispatch({ type: 'tasks', tasks: services.listTasks() });
          say(lines.map((l) => l.trim()).join('; ') || 'no other attempt was open', lines.some((l) => l.includes('not abandoned')) ? 'error' : 'info');
        },
        (e: unknown) => say(`could not abandon the other attempts: ${errorLine(e)}`, 'error'),
      );
      return;
    }
    if (c.action === 'archive') {
      say(`archiving ${c.taskId}…`, 'info');
      services.archiveTask(task.record.taskDir).then(
        (r) => say(`archived ${c.taskId}: worktree freed, work in ${r.proof.where.join(', ')} (wtagents archive ${c.taskId} --restore brings it back)`, 'info'),
        (e: unknown) => say(`could not archive ${c.taskId}: ${errorLine(e)}`, 'error'),
      );
      return;
    }
    say(`stopping ${c.taskId}…`, 'info');
    services.stopRun(task.record.taskDir).then(
      () => (c.action === 'takeover' ? void takeOver(services, suspendTerminal, task.record.taskDir, c.taskId, say) : say(`stopped ${c.taskId}`, 'info')),
      (e: unknown) => say(`could not stop ${c.taskId}: ${errorLine(e)}`, 'error'),
    );
  };
  useKeys('confirm', { yes: confirmed, no: () => appDispatch({ type: 'closeConfirm' }) }, { layer: 'confirm', active: app.confirm !== null });

  const pageTask = app.page === 'trace' || app.page === 'review' || app.page === 'compare' ? dash.tasks.find((t) => t.record.id === app.taskId) : undefined;
  const pageRows = rows;
  const lost = (app.page === 'trace' || app.page === 'review' || app.page === 'compare') && !pageTask;
  useEffect(() => {
    // The task went away (removed by another process, or never listed): back to the dashboard, keys and all.
    if (lost) appDispatch({ type: 'back' });
  }, [lost]);
  let page;
  if (app.page === 'trace' && pageTask) {
    page = <TraceScreen task={pageTask} columns={columns} rows={pageRows} active={screen === 'trace'} appDispatch={appDispatch} />;
  } else if (app.page === 'review' && pageTask) {
    page = (
      <ReviewScreen
        task={pageTask}
        columns={columns}
        rows={pageRows}
        active={screen === 'review'}
        appDispatch={appDispatch}
        onDone={(outcome) => {
          const tasks = services.listTasks();
          dispatch({ type: 'tasks', tasks });
          dispatch({ type: 'select', id: pageTask.record.id });
          appDispatch({ type: 'back' });
          appDispatch({ type: 'message', message: outcome });
          // Merged one attempt of a best-of-N group: offer to abandon the others (their patches kept).
          const g = pageTask.record.group;
          const merged = tasks.find((t) => t.record.id === pageTask.record.id)?.state === 'merged';
          const others = g && merged ? tasks.filter((t) => t.record.repo === pageTask.record.repo && t.record.group?.id === g.id && t.record.id !== pageTask.record.id && !isFinal(t.state)) : [];
          if (others.length > 0) {
            const question = `Merged ${pageTask.record.id}: abandon the other ${plural(others.length, 'attempt')} (${others.map((t) => t.record.id).join(', ')}), each keeping its work as a patch?`;
            appDispatch({ type: 'confirm', confirm: { action: 'abandonOthers', taskId: pageTask.record.id, question } });
          }
        }}
      />
    );
  } else if (app.page === 'compare' && pageTask) {
    page = <CompareScreen task={pageTask} tasks={dash.tasks} app={app} appDispatch={appDispatch} columns={columns} rows={pageRows} active={screen === 'compare'} />;
  } else if (app.page === 'newTask') {
    page = (
      <Suspense fallback={<Text dimColor>loading…</Text>}>
        <NewTaskScreen
          columns={columns}
          rows={pageRows}
          active={screen === 'newTask'}
          onCancel={() => appDispatch({ type: 'back' })}
          onDone={(record, startError) => {
            dispatch({ type: 'tasks', tasks: services.listTasks() });
            dispatch({ type: 'select', id: record.id });
            appDispatch({ type: 'back' });
            appDispatch({
              type: 'message',
              message: startError ? { text: `created ${record.id}; its agent did not start: ${startError}`, tone: 'error' } : { text: `created ${record.id} and started its agent`, tone: 'info' },
            });
          }}
        />
      </Suspense>
    );
  } else {
    page = (
      <Dashboard dash={dash} dispatch={dispatch} app={app} appDispatch={appDispatch} columns={columns} rows={pageRows} forcePane={forcePane} base={base} active={screen === 'dashboard'} onQuit={() => exit()} />
    );
  }
  return (
    <Box width={columns} height={rows} flexDirection="column" overflow="hidden">
      <Box display={app.help ? 'none' : 'flex'} width={columns} height={rows} flexDirection="column">
        {page}
      </Box>
      {app.help && (
        <>
          <HelpView screen={app.help} width={columns} height={rows - 1} />
          <Footer screen="help" width={columns} />
        </>
      )}
    </Box>
  );
}
