// Starting and stopping a task's agent run (the API the CLI, the TUI and the review gate call).
// STUB: the runner issue replaces these bodies; the signatures are the contract.
import type { TaskRecord } from '../core/task.js';
import type { AgentChoice } from '../core/task.js';

export interface RunOptions {
  /** Request changes: this text becomes the next round's packet. */
  feedback?: string;
  /** Use this agent instead of the task's own / the config default. */
  agent?: AgentChoice;
}

/** Start the task's agent in the background under a detached supervisor; resolves once it is recorded. */
export async function startRun(_taskDir: string, _opts: RunOptions = {}): Promise<TaskRecord> {
  throw new Error('startRun: not implemented yet');
}

/** Stop a running task: SIGTERM to the agent's process group, SIGKILL after the grace period. */
export async function stopRun(_taskDir: string): Promise<TaskRecord> {
  throw new Error('stopRun: not implemented yet');
}
