// The engine's data types as the TUI and the commands see them: components and commands import types from
// here (or src/core), never from the engine's modules (the architecture test holds them to it). Type-only.
import type { ReviewSession } from '../review/open.js';

export type { PrState } from '../forge/forge.js';
export type { ChangeCount } from '../git/change-count.js';
export type { AttemptRow, Comparison } from '../core/attempts.js';
export type { Evidence } from '../review/evidence.js';
export type { EvidenceRow } from '../review/evidence-rows.js';
export type { ReviewSession } from '../review/open.js';
export type { Outcome, PendingDecision, PromptKeys, PromptTask } from '../review/screen-text.js';
export type { NewTaskOptions, TaskMode } from '../store/create-task.js';
export type { StepPlan } from '../runner/types.js';
export type { TaskEntry } from '../store/tasks.js';
export type { TailStats } from '../store/trace-tailer.js';

/** The review to open on: the task, and its session already being opened (while the TUI loads). */
export interface ReviewLaunch {
  id: string;
  taskDir: string;
  /** Resolves once the file list and the first file's diff are loaded (or failed): the first frame can show them. */
  session?: Promise<ReviewSession | null>;
  /** The review's first paint is on the terminal (src/core/first-paint.ts): the TUI's first frame draws over it. */
  painted?: boolean;
}
