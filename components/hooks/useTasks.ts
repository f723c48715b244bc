// The task list, live: read at mount (first frame), then re-read on any task.json change (coalesced) and every 2 s.
import { useEffect, useReducer, type Dispatch } from 'react';
import { coalesce } from '../../src/core/coalesce.js';
import { dashboardReducer, initialDashboard, type DashboardAction, type DashboardState } from '../state/dashboard.js';
import { useServices } from '../context.js';

/** How often tasks are re-read without a file event: a supervisor that died changes no file. */
const REFRESH_MS = 2000;

export function useTasks(): [DashboardState, Dispatch<DashboardAction>] {
  const services = useServices();
  const [state, dispatch] = useReducer(dashboardReducer, initialDashboard, (s) => dashboardReducer(s, { type: 'tasks', tasks: services.listTasks() }));
  useEffect(() => {
    const reload = coalesce(() => dispatch({ type: 'tasks', tasks: services.listTasks() }), 50);
    const stop = services.watchTasks(() => reload.request());
    const timer = setInterval(() => reload.request(), REFRESH_MS);
    return () => {
      stop();
      clearInterval(timer);
      reload.cancel();
    };
  }, [services]);
  return [state, dispatch];
}
