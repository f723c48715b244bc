// The local runner (docs/runners.md §1): the round runs here under a detached supervisor (its own session
// and process group, stdio to logs/supervisor.log, the run request in its environment) that writes the
// local trace and records the end itself. Also the launch the SSH runner's follower uses.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { firstCommandWord } from '../core/command-word.js';
import { UserError } from '../core/errors.js';
import { startChild } from '../proc/child.js';
import type { TaskRecord } from '../core/task.js';
import { taskPaths } from '../store/layout.js';
import { isProcessAlive } from '../store/process-info.js';
import { effectiveState, readTask } from '../store/tasks.js';
import { supervisorArgs } from './cli-entry.js';
import type { FollowEnd, Runner, RunnerStatus, RunResult } from './runner.js';
import { RUN_REQUEST_ENV, type RunRequest } from './run-request.js';
import { stopSupervised } from './stop.js';
import type { StepPlan } from './types.js';
import { which } from './which.js';

export const localRunner: Runner = {
  name: 'local',
  prepare(task, plans) {
    for (const plan of plans) checkBinary(plan, task.worktree);
  },
  start(task, request) {
    return launchDetached(task, supervisorArgs(task.taskDir), request);
  },
  follow: waitForEnd,
  stop: stopSupervised,
  fetchResult: recordedResult,
  status(task): Promise<RunnerStatus> {
    const sup = task.processes.supervisor;
    return Promise.resolve({ reachable: true, state: effectiveState(task), supervisorAlive: sup !== undefined && isProcessAlive(sup) });
  },
};

/** `node <argv>` detached in the task directory: its own session and process group, stdio to logs/supervisor.log. */
export function launchDetached(task: TaskRecord, argv: string[], request: RunRequest): ChildProcess {
  const p = taskPaths(task.taskDir);
  mkdirSync(p.logs, { recursive: true });
  const log = { file: path.join(p.logs, 'supervisor.log'), append: true } as const;
  const env = { ...process.env, [RUN_REQUEST_ENV]: JSON.stringify(request) };
  const child = startChild(process.execPath, argv, { cwd: task.taskDir, env, stdin: 'ignore', stdout: log, stderr: log, detached: true });
  if (child.process === null || child.pid === undefined) throw new Error(`cannot launch ${process.execPath}`); // a failed spawn has no pid
  child.process.unref();
  return child.process;
}

/** Resolve once the task's recorded supervisor (here) is gone: the local trace then holds the whole run. */
export async function waitForEnd(task: TaskRecord, signal?: AbortSignal): Promise<FollowEnd> {
  for (;;) {
    const now = readTask(task.taskDir);
    const sup = now.processes.supervisor;
    if (!sup || !isProcessAlive(sup)) return { ended: true };
    if (signal?.aborted) return { ended: false, error: 'aborted' };
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The run's end as task.json records it; null while it runs. */
export function recordedResult(task: TaskRecord): RunResult | null {
  const now = readTask(task.taskDir);
  const state = effectiveState(now);
  if (state === 'running' || state === 'queued') return null;
  return { state, ...(now.stateReason ? { reason: now.stateReason } : {}) };
}

/** A missing agent binary is a clear error before anything starts. */
function checkBinary(plan: StepPlan, worktree: string): void {
  const [bin, flag, script] = plan.argv;
  const shellCmd = (bin === '/bin/sh' || bin === 'sh' || bin === 'bash' || bin === '/bin/bash') && flag === '-c' && script !== undefined;
  const word = shellCmd ? firstCommandWord(script) : bin!;
  if (word === null || word === undefined) return;
  const found = word.includes('/') ? which(path.resolve(worktree, word)) : which(word, plan.env.PATH ?? process.env.PATH);
  if (found !== null) return;
  const what = shellCmd ? `the agent command's program "${word}"` : `the agent binary "${word}"`;
  throw new UserError(`${what} was not found${word.includes('/') ? ` (in ${worktree})` : ' on PATH'}: install it, or pick another agent (step ${plan.step}, agent ${plan.agent})`);
}
