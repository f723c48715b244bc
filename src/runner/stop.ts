// Stopping a run: SIGTERM to the supervisor, which kills the agent's whole process group (SIGKILL after
// the grace period) and records `stopped`; if the supervisor is gone or hangs, stop does it all itself.
import { UserError } from '../core/errors.js';
import type { ProcessRef, TaskRecord } from '../core/task.js';
import { loadConfig } from '../store/config-file.js';
import { groupMembers, killGroup, signalGroup } from '../store/process-group.js';
import { isProcessAlive, processStartTime } from '../store/process-info.js';
import { applyTaskEvent } from '../store/task-state.js';
import { effectiveState, readTask, runnerLostButFollowed } from '../store/tasks.js';

export interface StopOutcome {
  record: TaskRecord;
  /** False when the task was not running: nothing was done. */
  wasRunning: boolean;
  /** True when stop had to SIGKILL the supervisor itself. */
  forced: boolean;
  /** True when the task was queued and stop took it out of the queue (nothing had run). */
  dequeued?: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The grace period between SIGTERM and SIGKILL for this task (config, default 5 s). */
export function graceMs(task: TaskRecord): number {
  try {
    return loadConfig(task.repo).stopGraceSeconds * 1000;
  } catch {
    return 5000;
  }
}

/** Live processes of the recorded agent's group that started no earlier than the agent (pid reuse safe). */
export function agentGroupAlive(ref: ProcessRef | undefined): boolean {
  if (!ref) return false;
  if (isProcessAlive(ref)) return true;
  const since = Date.parse(ref.startedAt) - 3000;
  return groupMembers(ref.pid).some((pid) => (processStartTime(pid) ?? Infinity) >= since);
}

/** Stop a run through its recorded supervisor (either runner's: see runner.ts); a task not running is left as is. */
export async function stopSupervised(taskDir: string): Promise<StopOutcome> {
  const task = readTask(taskDir);
  if (runnerLostButFollowed(task)) return stopLostRun(taskDir, task);
  if (task.state !== 'running') return { record: task, wasRunning: false, forced: false };
  const grace = graceMs(task);
  const sup = task.processes.supervisor;
  let forced = false;
  if (sup && effectiveState(task) === 'running') {
    try {
      process.kill(sup.pid, 'SIGTERM');
    } catch {
      // it just exited
    }
    const deadline = Date.now() + grace + 5000;
    while (isProcessAlive(sup) && Date.now() < deadline) await sleep(50);
    if (isProcessAlive(sup)) {
      forced = true;
      const agent = readTask(taskDir).processes.agent;
      if (agent) signalGroup(agent.pid, 'SIGKILL');
      try {
        process.kill(sup.pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
      while (isProcessAlive(sup) && Date.now() < deadline + 5000) await sleep(50);
    }
    // Belt and braces: nothing of the agent's group may outlive a stop.
    const agent = task.processes.agent ?? readTask(taskDir).processes.agent;
    if (agentGroupAlive(agent)) await killGroup(agent!.pid, 0);
  }
  const record = await settleWithoutSupervisor(taskDir, grace, 'stopped');
  return { record, wasRunning: true, forced };
}

/**
 * A task recorded `running` whose supervisor is gone: kill what is left of its agent's group, then record
 * `to` (stopped for stop, interrupted when a new run takes over). A task that is not in that state is left as is.
 */
export async function settleWithoutSupervisor(taskDir: string, grace: number, to: 'stopped' | 'interrupted'): Promise<TaskRecord> {
  const task = readTask(taskDir);
  if (task.state !== 'running' || effectiveState(task) === 'running') return task;
  const agent = task.processes.agent;
  if (agentGroupAlive(agent)) await killGroup(agent!.pid, grace);
  const sup = task.processes.supervisor;
  const reason = to === 'stopped' ? 'stopped' : `the supervisor${sup ? ` (pid ${sup.pid})` : ''} vanished without recording an exit`;
  try {
    return (await applyTaskEvent(taskDir, to === 'stopped' ? 'stop' : 'vanish', { reason, change: (t) => void (t.processes = {}) })).record;
  } catch (error) {
    const now = readTask(taskDir);
    if (error instanceof UserError && now.state !== 'running') return now; // settled meanwhile: left as it is
    throw error;
  }
}

/**
 * Stop a run whose host stopped answering (`interrupted (runner unreachable)`): its follower here gets
 * SIGTERM (it tries the host's stop once more and records the end: the host's run may still be going).
 */
async function stopLostRun(taskDir: string, task: TaskRecord): Promise<StopOutcome> {
  const sup = task.processes.supervisor!;
  try {
    process.kill(sup.pid, 'SIGTERM');
  } catch {
    // it just exited
  }
  const deadline = Date.now() + graceMs(task) + 30_000;
  while (isProcessAlive(sup) && Date.now() < deadline) await sleep(50);
  let forced = false;
  if (isProcessAlive(sup)) {
    forced = true;
    try {
      process.kill(sup.pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
    while (isProcessAlive(sup) && Date.now() < deadline + 5000) await sleep(50);
  }
  const now = readTask(taskDir);
  if (now.state !== 'interrupted' || now.runnerLost === undefined) return { record: now, wasRunning: true, forced };
  const { record } = await applyTaskEvent(taskDir, 'vanish', {
    reason: "stopped while the runner was unreachable: the host's run may still be going",
    change: (t) => {
      t.processes = {};
      delete t.runnerLost;
    },
  });
  return { record, wasRunning: true, forced };
}
