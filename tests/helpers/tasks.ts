// Tasks for TUI tests, driven the way a supervisor would: made by the CLI, then task.json and the trace edited.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll } from 'vitest';
import type { TaskRecord } from '../../src/core/task.js';
import type { NewTraceEvent } from '../../src/core/trace-schema.js';
import { processRef } from '../../src/store/process-info.js';
import { updateTask } from '../../src/store/tasks.js';
import { appendTrace } from '../../src/store/trace-writer.js';
import { runJson } from './cli.js';

/** `wtagents new` through the built CLI; returns the record. */
export function cliTask(repo: string, text: string, args: string[] = []): TaskRecord {
  return runJson<TaskRecord>(['new', '--task', text, ...args], { cwd: repo });
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

/** A real long-lived process to stand in for a task's supervisor (alive while the test needs it). */
export async function fakeSupervisor(): Promise<{ pid: number; kill: () => Promise<void>; alive: () => boolean }> {
  const child = spawn('sleep', ['300'], { stdio: 'ignore', detached: true });
  children.push(child);
  await new Promise((res) => child.once('spawn', res));
  const pid = child.pid!;
  return {
    pid,
    alive: () => child.exitCode === null && child.signalCode === null,
    kill: () =>
      new Promise((res) => {
        if (child.exitCode !== null || child.signalCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGKILL');
      }),
  };
}

/** Mark the task running under `pid`, as the supervisor does. */
export function markRunning(task: TaskRecord, pid: number): Promise<TaskRecord> {
  return updateTask(task.taskDir, (t) => {
    t.state = 'running';
    t.processes = { supervisor: processRef(pid) };
  });
}

export function markState(task: TaskRecord, state: TaskRecord['state']): Promise<TaskRecord> {
  return updateTask(task.taskDir, (t) => {
    t.state = state;
    t.processes = {};
  });
}

export async function trace(task: TaskRecord, events: NewTraceEvent[]): Promise<void> {
  await appendTrace({ taskDir: task.taskDir, task: task.id, round: task.round }, events);
}
