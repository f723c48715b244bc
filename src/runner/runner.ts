// The Runner interface (docs/runners.md §1): where a task's rounds run, as one type with two
// implementations — the local runner (local-runner.ts: this machine's detached supervisor) and the SSH
// runner (ssh/ssh-runner.ts: the same supervisor on another host, driven by a detached follower here).
// Starting, stopping and asking about a run go through runnerFor(task); nothing else branches on where.
import type { ChildProcess } from 'node:child_process';
import { UserError } from '../core/errors.js';
import type { TaskState } from '../core/lifecycle.js';
import type { TaskRecord } from '../core/task.js';
import { loadConfig } from '../store/config-file.js';
import { readTask } from '../store/tasks.js';
import { localRunner } from './local-runner.js';
import { leaveQueue } from './queue.js';
import type { RunRequest } from './run-request.js';
import { poolOf } from './ssh/runner-choice.js';
import { sshRunner } from './ssh/ssh-runner.js';
import type { StopOutcome } from './stop.js';
import type { StepPlan } from './types.js';

/** Where the run is, as the runner sees it. `reachable: false`: the host does not answer (ssh). */
export type RunnerStatus =
  | { reachable: false; error: string }
  | { reachable: true; state: TaskState; supervisorAlive: boolean; detail?: string };

/** How a follow ended: the run is over, or (another host) the connection dropped and the caller follows again. */
export type FollowEnd = { ended: true } | { ended: false; error: string };

/** What a finished run left in the local records (after an SSH run: once its branch and records were fetched). */
export interface RunResult {
  state: TaskState;
  reason?: string;
}

export interface Runner {
  /** `local`, or the key under config `runners`. */
  readonly name: string;
  /** Refuse, before anything changes, a run that cannot start (local: an agent binary missing here; ssh:
   *  nothing here — the host's own wtagents checks its binaries, its Node and its clone when the round starts). */
  prepare(task: TaskRecord, plans: readonly StepPlan[]): void;
  /** Launch one round, detached; the process returned is recorded as the task's supervisor (local: the
   *  supervisor itself; ssh: the follower `__remote`, which prepares the host, starts the supervisor there,
   *  copies its trace here by remote seq and fetches the branch and records at the end). */
  start(task: TaskRecord, request: RunRequest): ChildProcess;
  /** Resolve when the run is over (the local trace then holds all of it) or `signal` aborts. */
  follow(task: TaskRecord, signal?: AbortSignal): Promise<FollowEnd>;
  /** Stop the run (SIGTERM to the recorded process, which stops the agent's group, here or on the host). */
  stop(taskDir: string): Promise<StopOutcome>;
  /** The outcome as recorded here, once the run is over; null while it runs. */
  fetchResult(task: TaskRecord): RunResult | null;
  /** Is the run's supervisor alive, and in what state is it where it runs (ssh: asks the host). */
  status(task: TaskRecord): Promise<RunnerStatus>;
}

/** The runner of the task's runs: its recorded runner (config `runners`), else this machine. */
export function runnerFor(task: TaskRecord): Runner {
  const name = task.runner;
  if (name === undefined || name === 'local') return localRunner;
  const runners = loadConfig(task.repo).runners;
  // A pool's task before its first run picks a host (slots.ts): any member answers for the pool until then.
  const pool = poolOf(name);
  const config = pool !== null ? Object.values(runners).find((r) => r.pool === pool) : runners[name];
  if (!config) throw new UserError(`runner ${name} is not in .wtagents/config.json (runners): add it, or move the task with: wtagents run ${task.id} --on local`);
  return sshRunner(name, config);
}

/** Stop the task: a queued one leaves the queue (nothing ran); a run is stopped by its runner. */
export async function stopTask(taskDir: string): Promise<StopOutcome> {
  const task = readTask(taskDir);
  if (task.state === 'queued') {
    const dequeued = await leaveQueue(taskDir, 'stopped while queued: taken out of the queue, nothing ran');
    return { record: readTask(taskDir), wasRunning: false, forced: false, dequeued };
  }
  return runnerFor(task).stop(taskDir);
}
