// One run's workflow inside the supervisor: each step with its role packet (written just before it runs,
// so the plan reaches the implementer and the diff and checks reach the reviewer), step outputs saved and
// traced (`step.output`), checks before each review and at the end, and fix rounds while the reviewer
// asks for changes (at most maxFixRounds).
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChecksFile } from '../core/checks.js';
import type { Config } from '../core/config.js';
import { errorLine } from '../core/errors.js';
import { READ_ONLY_STEPS, stepOutputFile, stepPacket, type StepPacketInput } from '../core/step-packets.js';
import { timelineOf } from '../core/step-timeline.js';
import type { TaskRecord } from '../core/task.js';
import { parseVerdict, type ReviewVerdict } from '../core/verdict.js';
import { diffAndStat } from '../git/diff.js';
import { writeFileAtomic } from '../store/atomic.js';
import { taskPaths } from '../store/layout.js';
import { readTrace } from '../store/trace-read.js';
import type { TraceEvent } from '../core/trace-schema.js';
import { appendEvent, type TraceContext } from '../store/trace-writer.js';
import { runAgentStep, type StepResult } from './agent-step.js';
import type { BudgetTrip, RunBudget } from './budget.js';
import { runChecks } from './checks-setup.js';
import { planFixStep, stepRoute } from './routing.js';
import type { RunFacts } from './run-facts.js';
import type { RunRequest } from './run-request.js';
import { nextReviewNo, readOptional, stepPacketPath, writtenSince } from './step-files.js';
import type { StopControl } from './stop-control.js';
import type { StepPlan } from './types.js';
import { editedSince, snapshotWorktree } from '../git/worktree-snapshot.js';
import { watchLimits } from './watchdog.js';
import { randomUuid } from '../store/random-uuid.js';

export interface WorkflowInput {
  task: TaskRecord;
  request: RunRequest;
  config: Config;
  ctx: TraceContext;
  stop: StopControl;
  /** The supervisor's environment for agents and checks. */
  env: NodeJS.ProcessEnv;
  /** Every agent step's result, in order (filled as they finish). */
  steps: StepResult[];
  maxFixRounds: number;
  /** The run's sandbox and scratch directory, and the supervisor's records of exits and checks. */
  facts?: RunFacts;
  /** Hears every agent step's events as written (the supervisor sums the usage live). */
  onTraced?: (events: TraceEvent[]) => void;
  /** The run's cost, token and wall-clock limits (checked live and before every step). */
  budget?: RunBudget;
}

export interface WorkflowOutcome {
  /** Why an agent step failed (the run fails), or null. */
  agentProblem: string | null;
  /** The last checks run (null when stopped before any). */
  checks: ChecksFile | null;
  /** The implementer's last report (implement or fix step), if any. */
  report?: string;
  review?: { file: string; verdict: ReviewVerdict | null; fixRounds: number };
}

export async function runWorkflow(w: WorkflowInput): Promise<WorkflowOutcome> {
  const { task, request, ctx, stop } = w;
  const roundPacket = readFileSync(request.packet, 'utf8');
  const cmds = [...new Set([...task.checks, ...w.config.checks])];
  // Checks run the agent's code: in the agent's sandbox, with the sandbox's environment.
  const sandbox = w.facts?.sandbox;
  const limit = w.config.budget.checkTimeoutSeconds;
  const phase = { ctx, worktree: task.worktree, env: { ...w.env, ...sandbox?.env }, stop, ...(sandbox ? { wrap: sandbox.wrap } : {}), ...(limit !== undefined ? { timeoutSeconds: limit } : {}) };
  const out: WorkflowOutcome = { agentProblem: null, checks: null };
  let plan = readOptional(path.join(task.taskDir, 'plan.md'));
  let stale = true;
  let lastReview: string | undefined;
  let implementer: StepResult | undefined;
  // With a plan (this run's plan step, or plan.md from an earlier round) implement gets a packet of its own.
  const planned = request.plans.some((p) => p.step === 'plan') || plan !== undefined;
  const ensureChecks = async () => {
    if (!stale || stop.requested) return;
    out.checks = await runChecks(cmds, phase);
    w.facts?.checks(out.checks);
    stale = false;
  };
  const fill = async (extra: Partial<StepPacketInput> = {}): Promise<StepPacketInput> => ({
    taskPacket: roundPacket,
    title: task.title,
    worktree: task.worktree,
    range: `${task.baseSha.slice(0, 12)}...HEAD`,
    ...(plan !== undefined ? { plan } : {}),
    ...(out.checks ? { checks: out.checks } : {}),
    ...(out.report !== undefined ? { report: out.report } : {}),
    maxFixRounds: w.maxFixRounds,
    ...extra,
  });
  /** Run one step; false when the run must end here (stopped, or the agent failed). */
  const step = async (p: StepPlan, label: string, packetText: string | null, reviewNo = 0): Promise<StepResult | null> => {
    const spent = w.budget?.before();
    if (spent) {
      await traceExceeded(w, p.step, spent);
      out.agentProblem = `${p.step}: not started: ${spent.reason.replace(/: agent stopped$/, '')}`;
      return null;
    }
    const { result: r, edited } = await runStep(w, p, label, packetText, roundPacket, reviewNo);
    if (edited) stale = true; // a read-only step changed the tree after all: the checks must see it
    if (stop.requested) return null;
    const over = w.budget?.exceeded;
    if (over) {
      // The watchdog traced its own trip; a limit crossed with no watchdog to stop the agent is traced here.
      if (!(r as { tripped?: unknown }).tripped) await traceExceeded(w, p.step, over);
      out.agentProblem = `${p.step}: ${over.reason}`;
      return null;
    }
    out.agentProblem = problemOf(p, r);
    return out.agentProblem ? null : r;
  };

  for (const p of request.plans) {
    if (p.step === 'review') {
      await ensureChecks();
      let fixRounds = 0;
      for (let n = 1; ; n++) {
        const no = nextReviewNo(task.taskDir);
        const r = await step(p, n === 1 ? 'review' : `review-${n}`, stepPacket('review', await fill({ reviewNo: no, ...(await diffOf(task)) })), no);
        if (!r) return end(out, ensureChecks, stop);
        lastReview = readOptional(path.join(task.taskDir, stepOutputFile('review', no)!)) ?? '';
        const parsed = parseVerdict(lastReview);
        out.review = { file: stepOutputFile('review', no)!, verdict: parsed.verdict, fixRounds };
        if (parsed.verdict !== 'request-changes' || fixRounds >= w.maxFixRounds) break;
        fixRounds++;
        const label = `fix-${fixRounds}`;
        const fixText = stepPacket('fix', await fill({ reviewNo: no, findings: parsed.items, review: lastReview }));
        let fixPlan: StepPlan;
        try {
          fixPlan = planFixStep({
            task,
            config: w.config,
            packetPath: stepPacketPath(task.taskDir, ctx.round, label),
            packetText: fixText,
            round: ctx.round,
            ...(task.agent ? { agent: task.agent } : {}),
            ...sessionToResume(implementer, task),
          });
        } catch (error) {
          await appendEvent({ ...ctx, step: 'fix' }, { type: 'agent.error', message: `cannot plan the fix step: ${errorLine(error)}` });
          out.agentProblem = `fix: ${errorLine(error)}`;
          return end(out, ensureChecks, stop);
        }
        const f = await step(fixPlan, label, fixText);
        if (!f) return end(out, ensureChecks, stop);
        implementer = f;
        if (f.summary.finalMessage) out.report = f.summary.finalMessage;
        stale = true;
        await ensureChecks();
        if (stop.requested) return out;
      }
      continue;
    }
    if (p.step === 'summary') await ensureChecks();
    if (stop.requested) return out;
    const text =
      p.step === 'implement'
        ? planned
          ? stepPacket('implement', await fill())
          : null
        : p.step === 'summary'
          ? stepPacket('summary', await fill({ ...(await diffOf(task)), timeline: timelineOf(readTrace(taskPaths(task.taskDir).trace).events, ctx.round), ...(lastReview ? { review: lastReview } : {}) }))
          : stepPacket(p.step, await fill());
    const r = await step(p, p.step, text);
    if (!r) return end(out, ensureChecks, stop);
    if (p.step === 'plan') plan = readOptional(path.join(task.taskDir, 'plan.md'));
    if (!READ_ONLY_STEPS.includes(p.step)) {
      implementer = r;
      if (r.summary.finalMessage) out.report = r.summary.finalMessage;
      stale = true;
    }
  }
  return end(out, ensureChecks, stop);
}

async function end(out: WorkflowOutcome, ensureChecks: () => Promise<void>, stop: StopControl): Promise<WorkflowOutcome> {
  if (!stop.requested) await ensureChecks();
  return out;
}

/** Write the step's packet (unless it runs the round packet as is), run it, save and trace its output. */
async function runStep(w: WorkflowInput, plan: StepPlan, label: string, text: string | null, roundPacket: string, reviewNo: number): Promise<{ result: StepResult; edited: boolean }> {
  const { task, ctx } = w;
  let packet = w.request.packet;
  let run = plan;
  if (text !== null) {
    packet = stepPacketPath(task.taskDir, ctx.round, label);
    mkdirSync(path.dirname(packet), { recursive: true });
    writeFileAtomic(packet, text);
    await appendEvent({ ...ctx, step: plan.step }, { type: 'packet.written', path: path.relative(task.taskDir, packet) });
    run = withPacket(plan, [stepPacketPath(task.taskDir, ctx.round, plan.step), w.request.packet], packet, roundPacket, text);
  }
  if (label !== plan.step && run.sessionId && !run.resumed) {
    // The step runs again this round (review-2): the session the plan pre-assigned is taken; a fresh one.
    const fresh = randomUuid();
    run = { ...run, argv: run.argv.map((a) => a.replaceAll(run.sessionId!, fresh)), sessionId: fresh };
  }
  for (const note of plan.notes ?? []) await appendEvent({ ...ctx, step: plan.step }, { type: 'agent.output', stream: 'stderr', text: `[wtagents] note: ${note}` });
  const readOnly = READ_ONLY_STEPS.includes(plan.step);
  const before = readOnly ? await snapshotWorktree(task.worktree) : null;
  const startedMs = Date.now();
  const budget = w.budget;
  const ended: { estimate: ReturnType<RunBudget['endStep']> } = { estimate: null };
  const onTraced = (events: TraceEvent[]) => {
    w.onTraced?.(events);
    budget?.observe(events);
  };
  const pricing = { model: run.model, price: stepRoute(w.config, plan.step)?.price };
  const unpriced = budget?.unpricedNote(run.format, pricing);
  if (unpriced) await appendEvent({ ...ctx, step: plan.step }, { type: 'agent.output', stream: 'stderr', text: `[wtagents] note: ${unpriced}` });
  budget?.startStep(null, pricing);
  const f = w.facts;
  const r = await runAgentStep({
    task,
    plan: run,
    ctx,
    packet,
    baseEnv: w.env,
    stop: w.stop,
    label,
    onTraced,
    limits: watchLimits(w.config),
    onWatchdog: (dog) => budget?.attach(dog),
    ...(f ? { sandbox: f.sandbox, scratch: f.scratch.dir } : {}),
  }).finally(() => {
    ended.estimate = budget?.endStep() ?? null;
  });
  // The agent reported tokens but no cost, and the step has a price: the estimate the budget counted, traced as such.
  const estimate = ended.estimate;
  if (estimate) w.onTraced?.([await appendEvent({ ...ctx, step: plan.step }, { type: 'agent.usage', scope: 'run', ...estimate, estimated: true })]);
  w.steps.push(r);
  f?.stepExited(label, r.code, r.signal);
  const file = stepOutputFile(plan.step, reviewNo);
  const edited = before ? await editedSince(task.worktree, before) : [];
  if (file === null || w.stop.requested) return { result: r, edited: edited.length > 0 };
  const target = path.join(task.taskDir, file);
  const content = writtenSince(target, startedMs) ?? r.summary.finalMessage ?? '';
  writeFileAtomic(target, content.endsWith('\n') || content === '' ? content : `${content}\n`);
  const verdict = plan.step === 'review' ? parseVerdict(content) : null;
  await appendEvent(
    { ...ctx, step: plan.step },
    {
      type: 'step.output',
      file,
      lines: content === '' ? 0 : content.trimEnd().split('\n').length,
      ...(verdict ? { verdict: verdict.verdict, items: verdict.items } : {}),
      ...(edited.length > 0 ? { edited } : {}),
    },
  );
  return { result: r, edited: edited.length > 0 };
}

/** The plan with its packet swapped for the step's own (argv words naming the old file or holding its text). */
function withPacket(plan: StepPlan, oldPaths: string[], packet: string, oldText: string, text: string): StepPlan {
  return { ...plan, argv: plan.argv.map((a) => (oldPaths.includes(a) ? packet : a === oldText ? text : a)) };
}

async function traceExceeded(w: WorkflowInput, step: string, trip: BudgetTrip): Promise<void> {
  await appendEvent({ ...w.ctx, step }, { type: 'budget.exceeded', limit: trip.limit, reason: trip.reason, figure: trip.figure, max: trip.max, ...(trip.estimated ? { estimated: true } : {}) });
}

function problemOf(plan: StepPlan, r: StepResult): string | null {
  if (r.startError) return `${plan.step}: could not start ${plan.argv[0]}`;
  if (r.tripped) return `${plan.step}: ${r.tripped.reason}`;
  if (r.code !== 0) return `${plan.step}: agent exited ${r.code ?? r.signal}`;
  if (r.summary.isError) return `${plan.step}: agent reported an error`;
  return null;
}

/** The fix step continues the implementer's session: this run's implement step, else the task's last one. */
function sessionToResume(implementer: StepResult | undefined, task: TaskRecord): { resumeSessionId?: string; resumeAgent?: string } {
  if (implementer?.sessionId) return { resumeSessionId: implementer.sessionId, resumeAgent: implementer.agent };
  if (task.sessionId) return { resumeSessionId: task.sessionId, ...(task.sessionAgent ? { resumeAgent: task.sessionAgent } : {}) };
  return {};
}

async function diffOf(task: TaskRecord): Promise<{ diff: string; diffStat: string }> {
  return diffAndStat(task.worktree, `${task.baseSha}...HEAD`);
}

