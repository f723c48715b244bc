// Trace events (trace.jsonl, schema v1, DESIGN §5): the zod schemas and the event type union. The schema is
// built on its first use: building its ~20 object schemas takes milliseconds, and the TUI's first frame needs none.
import { z } from 'zod';
import { TASK_STATES } from './lifecycle.js';

function buildTraceEvent() {
  /** Fields every event carries. Unknown extra fields are kept, never rejected. */
  const Base = z.looseObject({
    v: z.literal(1),
    ts: z.string(),
    task: z.string(),
    seq: z.number().int().nonnegative(),
    round: z.number().int().positive(),
    step: z.string().optional(),
    /** The agent's raw line this event came from (adapters keep it). */
    raw: z.string().optional(),
    /** Set when a field was cut to keep the line under the size limit. */
    truncated: z.boolean().optional(),
  });

  const ev = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
    Base.extend({ type: z.literal(type), ...shape });

  const num = z.number().nullable().optional();

  return z.discriminatedUnion('type', [
    ev('task.created', { title: z.string(), base: z.string(), baseSha: z.string(), mode: z.string() }),
    ev('packet.written', { path: z.string() }),
    ev('worktree.created', { path: z.string(), branch: z.string(), sha: z.string() }),
    ev('agent.started', {
      agent: z.string(),
      command: z.array(z.string()).optional(),
      pid: num,
      model: z.string().optional(),
      /** `bwrap`, or `not sandboxed: <why>`. */
      sandbox: z.string().optional(),
    }),
    ev('agent.session', { sessionId: z.string(), model: z.string().optional() }),
    ev('agent.message', { text: z.string(), final: z.boolean().optional() }),
    ev('agent.reasoning', { text: z.string() }),
    ev('agent.tool', {
      name: z.string(),
      input: z.unknown().optional(),
      callId: z.string().optional(),
      status: z.string().optional(),
      result: z.string().optional(),
      target: z.string().optional(),
    }),
    ev('agent.command', { cmd: z.string(), exitCode: num, output: z.string().optional(), status: z.string().optional() }),
    ev('agent.file_edit', { paths: z.array(z.string()) }),
    ev('agent.usage', {
      inputTokens: z.number().optional(),
      outputTokens: z.number().optional(),
      cachedTokens: z.number().optional(),
      costUsd: z.number().optional(),
      scope: z.enum(['run', 'turn', 'step', 'call']),
      /** costUsd is wtagents' estimate from config prices (the agent reported tokens, no cost), not the agent's. */
      estimated: z.boolean().optional(),
    }),
    ev('agent.output', { text: z.string(), stream: z.enum(['stdout', 'stderr']).optional() }),
    ev('agent.error', { message: z.string() }),
    ev('agent.exited', { code: num, signal: z.string().nullable().optional(), durationMs: z.number() }),
    /** A tool call the agent's CLI or sandbox refused. */
    ev('agent.denied', { tool: z.string(), callId: z.string().optional(), input: z.unknown().optional(), target: z.string().optional(), reason: z.string() }),
    ev('check.started', { cmd: z.string() }),
    ev('check.finished', { cmd: z.string(), exitCode: num, durationMs: z.number(), logTail: z.string().optional(), timedOutSeconds: z.number().optional() }),
    /** Something outside the worktree changed during the run (main checkout, git config, hooks, refs). */
    ev('guard.violation', { what: z.string(), detail: z.string() }),
    ev('step.output', {
      /** The file in the task directory (plan.md, review-NN.md, summary.md). */
      file: z.string(),
      verdict: z.string().nullable().optional(),
      /** The review's findings (the fix step's work list). */
      items: z.array(z.string()).optional(),
      /** Files a read-only step (plan, review, summary) changed in the worktree: flagged at review. */
      edited: z.array(z.string()).optional(),
      lines: z.number().optional(),
    }),
    /** A limit stopped the agent: `limit` is its config key (agentIdleTimeoutMinutes, budget.stepTimeoutMinutes, …). */
    ev('budget.exceeded', { limit: z.string(), reason: z.string().optional(), figure: z.number().optional(), max: z.number().optional(), estimated: z.boolean().optional() }),
    ev('review.opened', { files: z.number().optional(), added: z.number().optional(), removed: z.number().optional() }),
    ev('review.decision', { decision: z.enum(['merge', 'request-changes', 'abandon']), detail: z.string().optional() }),
    ev('pr.opened', { url: z.string(), draft: z.boolean().optional(), remote: z.string().optional() }),
    ev('worktree.removed', { path: z.string(), reason: z.string(), savedIn: z.array(z.string()).optional() }),
    ev('task.state', { state: z.enum(TASK_STATES), reason: z.string().optional() }),
    ev('trace.truncated', { reason: z.string(), capBytes: z.number().optional() }),
    /** An SSH runner's own news: prepared, started, unreachable, reconnected, fetched. */
    ev('runner.status', { runner: z.string(), status: z.string(), detail: z.string().optional() }),
    /** The user took the task over in the agent's own interactive CLI (`wtagents takeover`), and what that changed. */
    ev('takeover.started', { agent: z.string(), command: z.array(z.string()), sessionId: z.string().optional(), head: z.string().optional() }),
    ev('takeover.finished', {
      exitCode: num,
      durationMs: z.number(),
      commits: z.array(z.object({ sha: z.string(), subject: z.string() })),
      leftovers: z.array(z.string()),
    }),
  ]);
}
export const TraceEvent = z.lazy(buildTraceEvent);
export type TraceEvent = z.infer<typeof TraceEvent>;
export type TraceType = TraceEvent['type'];

/** Every event type, in the schema's order (without building it; tests/unit/schemas.test.ts holds the two together). */
export const TRACE_TYPES: TraceType[] = [
  'task.created',
  'packet.written',
  'worktree.created',
  'agent.started',
  'agent.session',
  'agent.message',
  'agent.reasoning',
  'agent.tool',
  'agent.command',
  'agent.file_edit',
  'agent.usage',
  'agent.output',
  'agent.error',
  'agent.exited',
  'agent.denied',
  'check.started',
  'check.finished',
  'guard.violation',
  'step.output',
  'budget.exceeded',
  'review.opened',
  'review.decision',
  'pr.opened',
  'worktree.removed',
  'task.state',
  'trace.truncated',
  'runner.status',
  'takeover.started',
  'takeover.finished',
];

/** An event before the writer stamps v, ts, task, seq and round on it. */
export type NewTraceEvent = DistributiveOmit<TraceEvent, 'v' | 'ts' | 'task' | 'seq' | 'round'> & {
  ts?: string;
  round?: number;
};
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The largest trace line (bytes) written or read whole; longer ones are cut and flagged. */
export const MAX_TRACE_LINE = 1024 * 1024;
