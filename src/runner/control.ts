// Starting and stopping a task's agent run (the API the CLI, the TUI and the review gate call).
import type { TaskRecord } from '../core/task.js';
import type { AgentChoice } from '../core/task.js';
import type { DecisionLock } from '../store/decision-lock.js';
import { startQueuedRuns, startTask } from './start.js';
import { stopTask } from './runner.js';

export interface RunOptions {
  /** Request changes: this text becomes the next round's packet. */
  feedback?: string;
  /** Use this agent instead of the task's own / the config default. */
  agent?: AgentChoice;
  /** The task's decision lock when the caller holds it (request changes); otherwise the run takes it. */
  decisionLock?: DecisionLock;
}

/** Start the task's agent in the background under a detached supervisor; resolves once it is recorded. */
export async function startRun(taskDir: string, opts: RunOptions = {}): Promise<TaskRecord> {
  return startTask(taskDir, opts);
}

/** Stop a running task: SIGTERM to the agent's process group, SIGKILL after the grace period. */
export async function stopRun(taskDir: string): Promise<TaskRecord> {
  const out = await stopTask(taskDir);
  if (out.wasRunning) await startQueuedRuns(out.record.repo).catch(() => []); // its slot is free
  return out.record;
}
