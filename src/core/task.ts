// The TaskRecord (task.json, DESIGN §3) as a zod schema, and the small helpers around it.
import { z } from 'zod';
import { TASK_STATES } from './lifecycle.js';
import { oneRow } from './terminal-text.js';

export const ProcessRef = z.object({
  pid: z.number().int().positive(),
  /** ISO time the process started; with the pid it identifies the process (pids get reused). */
  startedAt: z.string(),
});
export type ProcessRef = z.infer<typeof ProcessRef>;

export const AgentChoice = z.object({
  /** Preset or config agent name, or "command" for --agent-command. */
  name: z.string(),
  command: z.string().optional(),
  format: z.string().optional(),
});
export type AgentChoice = z.infer<typeof AgentChoice>;

export const Usage = z.object({
  inputTokens: z.number().nonnegative().default(0),
  outputTokens: z.number().nonnegative().default(0),
  costUsd: z.number().nonnegative().optional(),
});
export type Usage = z.infer<typeof Usage>;

export const ExitInfo = z.object({
  code: z.number().int().nullable(),
  signal: z.string().nullable(),
  durationMs: z.number().nonnegative(),
});

export const TaskBudget = z.object({
  maxCostUsd: z.number().positive().optional(),
  maxTokens: z.number().int().positive().optional(),
  /** Wall clock of one run, all steps and checks together. */
  maxMinutes: z.number().positive().optional(),
});
export type TaskBudget = z.infer<typeof TaskBudget>;

export const TaskRecord = z.object({
  v: z.literal(1),
  id: z.string().min(1),
  title: z.string(),
  text: z.string(),
  repo: z.string(),
  base: z.string(),
  baseSha: z.string(),
  branch: z.string(),
  worktree: z.string(),
  taskDir: z.string(),
  mode: z.enum(['dry-run', 'create']),
  state: z.enum(TASK_STATES),
  round: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  scope: z.array(z.string()).default([]),
  checks: z.array(z.string()).default([]),
  constraints: z.array(z.string()).default([]),
  agent: AgentChoice.optional(),
  workflow: z.array(z.string()).optional(),
  processes: z
    .object({ supervisor: ProcessRef.optional(), agent: ProcessRef.optional() })
    .default({}),
  /** The agent session a request-changes round resumes (the session of the workflow step that keeps it). */
  sessionId: z.string().optional(),
  /** The agent that made `sessionId`: a later round resumes it only with that agent. */
  sessionAgent: z.string().optional(),
  usage: Usage.optional(),
  lastExit: ExitInfo.optional(),
  /** When config `setup` last succeeded in this worktree (it runs again until it has). */
  setupDoneAt: z.string().optional(),
  /** Why the task is in its state, as the supervisor recorded it at the end of a run (also in the trace, when it could be written). */
  stateReason: z.string().optional(),
  /** Best-of-N: this task is attempt `index` of `of` of the same task text (`new --attempts`), grouped by `id`. */
  group: z.object({ id: z.string(), index: z.number().int().positive(), of: z.number().int().positive() }).optional(),
  /** While `queued`: when it was queued (the queue is FIFO by it) and whether its run is a request-changes round. */
  queue: z.object({ at: z.string(), changesRequested: z.boolean().optional() }).optional(),
  /** This task's own limits (`new --budget-usd/--max-minutes`), over config `budget`. */
  budget: TaskBudget.optional(),
  /** The runner the task's runs go to (config `runners`; `pool:NAME` until its first run picks a host); absent: this machine. */
  runner: z.string().optional(),
  /** The pool its host was picked from (`--on pool:NAME`). */
  pool: z.string().optional(),
  /** The task's twin on an SSH runner's host, once made there. */
  remote: z.object({ runner: z.string(), id: z.string(), taskDir: z.string(), clone: z.string() }).optional(),
  /** Set while a run on another host is `interrupted` because the host stopped answering (its follower, the
   * recorded supervisor, keeps trying; the task runs on when the host answers). */
  runnerLost: z.object({ at: z.string(), error: z.string() }).optional(),
  /** `wtagents archive` (or clean) removed the worktree after saving its whole content as a patch. */
  archived: z
    .object({ at: z.string(), patch: z.string(), patchBase: z.string(), tree: z.string(), ignoredSaved: z.string().optional() })
    .optional(),
  /** Where the task's branch started when not at its base: an existing branch or a pull request's head. */
  from: z.object({ kind: z.enum(['branch', 'pr']), ref: z.string(), sha: z.string(), number: z.number().int().positive().optional() }).optional(),
  /** WTAGENTS_PORT: hashed from the id, checked free when the task was made (src/store/port-pick.ts). */
  port: z.number().int().positive().optional(),
  /** The pull request opened for the task's branch (`p` in the review, `review --pr`). */
  pr: z
    .object({ url: z.string(), forge: z.enum(['github', 'gitlab']), remote: z.string(), draft: z.boolean(), openedAt: z.string(), branchTip: z.string() })
    .optional(),
  /** `wtagents clean --branches` saved the deleted branch's work here first (applies on `base`). */
  branchPatch: z.object({ file: z.string(), base: z.string(), tree: z.string(), branchTip: z.string() }).optional(),
});
export type TaskRecord = z.infer<typeof TaskRecord>;


/** The title shown for a task: its first line, control characters removed, cut to 200 chars. */
export function titleOf(text: string): string {
  const line = text.split(/\r?\n|\r/).map((l) => l.trim()).find((l) => l !== '') ?? '';
  const clean = oneRow(line);
  return clean.length > 200 ? `${clean.slice(0, 199)}…` : clean;
}
