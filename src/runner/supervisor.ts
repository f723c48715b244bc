// The detached supervisor (`wtagents __supervise <taskDir>`): setup, each step's agent, checks, then the
// final state. It owns the task while it runs; `stop` signals it; if it dies the task shows `interrupted`.
import { hashPort } from '../core/port.js';
import { checksPassed } from '../core/checks.js';
import { type Config, DEFAULT_CONFIG } from '../core/config.js';
import { errorLine } from '../core/errors.js';
import { plural, pluralWord } from '../core/format.js';
import type { TaskState } from '../core/lifecycle.js';
import type { TaskRecord } from '../core/task.js';
import { ignoredEntries } from '../git/ignored.js';
import { writeFileAtomic, writeJsonAtomic } from '../store/atomic.js';
import { loadConfig } from '../store/config-file.js';
import { taskPaths } from '../store/layout.js';
import { applyTaskEvent } from '../store/task-state.js';
import { readTask, updateTask, withTaskLock } from '../store/tasks.js';
import { appendEvent, type TraceContext } from '../store/trace-writer.js';
import type { StepResult } from './agent-step.js';
import { budgetLimits, RunBudget } from './budget.js';
import { runSetup } from './checks-setup.js';
import { openRunFacts, type RunFacts } from './run-facts.js';
import { LiveUsage } from './live-usage.js';
import { startQueuedRuns } from './start.js';
import { runWorkflow, type WorkflowOutcome } from './workflow.js';
import { takeRunRequest, type RunRequest } from './run-request.js';
import { StopControl } from './stop-control.js';

interface Outcome {
  state: TaskState;
  reason: string;
}

/** Supervise one run of the task in `taskDir`; returns the process exit code. */
export async function supervise(taskDir: string): Promise<number> {
  // logs/supervisor.log on a full disk: a failed write there must not end the run.
  for (const s of [process.stdout, process.stderr]) s.on('error', () => {});
  const stop = new StopControl(5000);
  stop.install();
  const request = takeRunRequest();
  const task = await withTaskLock(taskDir, () => readTask(taskDir));
  if (task.state !== 'running' || task.processes.supervisor?.pid !== process.pid) {
    process.stderr.write(`wtagents supervisor ${process.pid}: task ${task.id} is not ours to run (state ${task.state}); exiting\n`);
    return 1;
  }
  const ctx: TraceContext = { taskDir, task: task.id, round: request.round };
  let config: Config = DEFAULT_CONFIG;
  let outcome: Outcome;
  const steps: StepResult[] = [];
  const usage = new LiveUsage(taskDir, task.usage);
  const report: { text?: string } = {};
  let facts: RunFacts | undefined;
  try {
    config = loadConfig(task.repo);
    ctx.capBytes = config.traceCapMiB * 1024 * 1024;
    stop.setGrace(config.stopGraceSeconds * 1000);
    facts = await openRunFacts(task, request.plans, request.packet, config, ctx);
    outcome = await work(task, request, config, ctx, stop, steps, report, usage, facts);
  } catch (error) {
    await bestEffort(() => appendEvent(ctx, { type: 'agent.error', message: `supervisor: ${errorLine(error)}` }));
    outcome = { state: 'failed', reason: `supervisor error: ${errorLine(error)}` };
    await stop.abort();
  }
  if (stop.requested) outcome = { state: 'stopped', reason: `stop requested (${stop.signal} to the supervisor)` };
  await usage.close();
  await facts?.close(outcome).catch((error: unknown) => process.stderr.write(`wtagents supervisor: could not finish the run's records: ${errorLine(error)}\n`));
  try {
    await finish(task, outcome, steps, report.text, request, usage);
  } catch (error) {
    // Someone else settled the task meanwhile (the table refuses the run's end): theirs stands.
    process.stderr.write(`wtagents supervisor ${process.pid}: the run's end (${outcome.state}) was not recorded: ${errorLine(error)}\n`);
    await startQueued(task.repo);
    return 1;
  }
  await startQueued(task.repo);
  return 0;
}

async function work(
  task: TaskRecord,
  request: RunRequest,
  config: Config,
  ctx: TraceContext,
  stop: StopControl,
  steps: StepResult[],
  report: { text?: string },
  usage: LiveUsage,
  facts: RunFacts,
): Promise<Outcome> {
  // Setup, checks and agents are never handed the task directory (WTAGENTS_TASK_DIR), where the evidence is.
  const { WTAGENTS_TASK_DIR: _, ...inherited } = process.env;
  const env = { ...inherited, WTAGENTS_TASK: task.id, WTAGENTS_WORKTREE: task.worktree, WTAGENTS_REPO: task.repo, WTAGENTS_PORT: String(task.port ?? hashPort(task.id)) };
  const phase = { ctx, worktree: task.worktree, env, stop };
  if (request.setup && config.setup.length > 0) {
    const failed = await runSetup(config.setup, phase);
    if (stop.requested) return { state: 'stopped', reason: 'stopped during setup' };
    if (failed) return { state: 'failed', reason: `setup failed: ${failed.cmd} exited ${failed.exitCode ?? 'by a signal'} (see ${failed.log}); the agent was not started` };
    // What setup left ignored (installed dependencies, caches) is its own: the review gate keeps only newer ones.
    writeJsonAtomic(taskPaths(task.taskDir).setupIgnored, await ignoredEntries(task.worktree).catch(() => []));
    await updateTask(task.taskDir, (t) => {
      t.setupDoneAt = new Date().toISOString();
    });
  }
  const budget = new RunBudget(budgetLimits(task, config), Date.now(), config.prices);
  const wf = await runWorkflow({ task, request, config, ctx, stop, env, steps, maxFixRounds: config.budget.maxFixRounds, onTraced: usage.traced, budget, facts });
  if (wf.report !== undefined) report.text = wf.report;
  if (stop.requested) return { state: 'stopped', reason: 'stopped' };
  const verdict = wf.review ? `; ${reviewNote(wf.review, config.budget.maxFixRounds)}` : '';
  if (wf.agentProblem) return { state: 'failed', reason: `${wf.agentProblem}${verdict}` };
  const file = wf.checks;
  if (file && !checksPassed(file)) {
    const bad = file.results.filter((r) => r.exitCode !== 0).map((r) => r.cmd);
    return { state: 'failed', reason: `${pluralWord(bad.length, 'check')} failed: ${bad.join(', ')}${verdict}` };
  }
  const ran = (file?.results.length ?? 0) > 0;
  return { state: 'done', reason: `${ran ? 'agent exited 0, all checks passed' : 'agent exited 0'}${verdict}` };
}

/** The reviewer's last word for the end state's reason. */
function reviewNote(review: NonNullable<WorkflowOutcome['review']>, maxFixRounds: number): string {
  const rounds = review.fixRounds > 0 ? ` after ${plural(review.fixRounds, 'fix round')}` : '';
  const left = review.verdict === 'request-changes' && review.fixRounds >= maxFixRounds ? ` (no fix rounds left of ${maxFixRounds})` : '';
  return `reviewer: ${review.verdict ?? 'no verdict'}${rounds}${left} (${review.file})`;
}

/** This run's slot is free: start the next queued run of the repository (nobody else may be alive to do it). */
async function startQueued(repo: string): Promise<void> {
  await startQueuedRuns(repo).catch((error) => process.stderr.write(`wtagents supervisor: starting queued runs failed: ${errorLine(error)}\n`));
}

/** A write that may fail (a full disk) without costing the writes after it; its error goes to the supervisor log. */
async function bestEffort(write: () => unknown): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    process.stderr.write(`wtagents supervisor: ${errorLine(error)}\n`);
    return false;
  }
}

/**
 * Record the run's end: report.md, then the final state through the lifecycle table (trace, then task.json).
 * On a full disk what can be written is: task.json (small) is written even when the trace append fails, with
 * the failure in its `stateReason`.
 */
async function finish(task: TaskRecord, outcome: Outcome, steps: StepResult[], implementerReport: string | undefined, request: RunRequest, usage: LiveUsage): Promise<void> {
  const p = taskPaths(task.taskDir);
  const report = implementerReport ?? [...steps].reverse().find((s) => s.summary.finalMessage)?.summary.finalMessage;
  const reportLost = report !== undefined && !(await bestEffort(() => writeFileAtomic(p.report, `${report.trimEnd()}\n`)));
  const session = keptSession(steps);
  const last = steps.at(-1);
  const event = outcome.state === 'done' ? 'exit-ok' : outcome.state === 'stopped' ? 'stop' : 'exit-fail';
  const total = usage.total();
  await applyTaskEvent(task.taskDir, event, {
    reason: outcome.reason,
    round: request.round,
    change(t) {
      t.stateReason = `${outcome.reason}${reportLost ? ' (could not write report.md: disk full or not writable?)' : ''}`;
      t.processes = {};
      if (session) {
        t.sessionId = session.id;
        t.sessionAgent = session.agent;
      }
      if (last) t.lastExit = { code: last.code, signal: last.signal, durationMs: last.durationMs };
      if (total) t.usage = total;
    },
    onTraceError(error, t) {
      t.stateReason = `${t.stateReason ?? outcome.reason} (could not write the trace: ${errorLine(error)})`;
    },
  });
}

/** The session the next round resumes: the implementer's (its last implement or fix step), else the last step's. */
function keptSession(steps: StepResult[]): { id: string; agent: string } | undefined {
  const keeper = steps.findLastIndex((s) => s.step === 'implement' || s.step === 'fix');
  const i = keeper >= 0 ? keeper : steps.findLastIndex((s) => s.sessionId);
  const id = steps[i]?.sessionId;
  return id !== undefined ? { id, agent: steps[i]!.agent } : undefined;
}
