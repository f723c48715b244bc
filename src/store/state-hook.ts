// The onStateChange hook, fired wherever a task's recorded state changes (the task-state write path calls
// it): config `hooks.onStateChange` started detached with WTAGENTS_OLD_STATE / WTAGENTS_NEW_STATE.
import type { TaskRecord } from '../core/task.js';
import { loadConfig } from './config-file.js';
import { fireHook } from './hooks.js';

export function stateChanged(task: TaskRecord, from: string): void {
  try {
    const config = loadConfig(task.repo);
    if (config.hooks.onStateChange === undefined) return;
    fireHook('onStateChange', config, task, { WTAGENTS_OLD_STATE: from, WTAGENTS_NEW_STATE: task.state });
  } catch {
    // a hook must never break a state change (a bad config is reported by the commands that read it)
  }
}
