// Starting a run: refuse what cannot run, resolve the round's packet and plans, check every agent binary
// is there, then (under the task's lock) mark the task running and launch the detached supervisor. All of
// it holds the task's decision lock: a run cannot start while a merge or an abandon is under way.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { ChecksFile } from '../core/checks.js';
import { UserError } from '../core/errors.js';
import { nextState } from '../core/lifecycle.js';
import { requestChangesPacket } from '../core/request-packet.js';
import type { Config } from '../core/config.js';
import type { AgentChoice, TaskRecord } from '../core/task.js';
import { writeFileAtomic } from '../store/atomic.js';
import { loadConfig } from '../store/config-file.js';
import { holdsDecisionLock, takeDecisionLock, type DecisionLock } from '../store/decision-lock.js';
import { taskPaths } from '../store/layout.js';
import { processRef } from '../store/process-info.js';
import { applyTaskEvent } from '../store/task-state.js';
import { effectiveState, readTask, runnerLostButFollowed, runnerLostRefusal } from '../store/tasks.js';
import { QueueBusy, queuedTasks, runningTasks, startQueued, withQueueLock } from './queue.js';
import { planFixStep, planSteps } from './routing.js';
import { stepPacketPath } from './step-files.js';
import type { RunRequest } from './run-request.js';
import { runnerFor } from './runner.js';
import { runnerSlot } from './slots.js';
import { poolOf } from './ssh/runner-choice.js';
import { requireSandbox, type SandboxChoice } from './sandbox.js';
import { graceMs, settleWithoutSupervisor } from './stop.js';
import type { StepPlan } from './types.js';
import { plural } from '../core/format.js';

export interface StartOptions {
  feedback?: string;
  agent?: AgentChoice;
  /** The task's decision lock, already held by the caller (request changes starts the next round under it). */
  decisionLock?: DecisionLock;
  /** Told each step's notes (warnings such as a reviewer that is the implementer's own model). */
  onNote?: (step: string, note: string) => void;
  /** The queue starts this queued task (a slot is free: it is checked under the queue lock by the caller). */
  fromQueue?: boolean;
}

export interface PrepareOptions extends StartOptions {
  /** Record a vanished supervisor as interrupted and kill its orphaned agent first (default true; --print: false). */
  settle?: boolean;
}

/** Everything a run needs, resolved before anything changes on disk. */
export interface PreparedRun {
  task: TaskRecord;
  round: number;
  packetPath: string;
  /** Set when this run writes a new packet (a request-changes round). */
  newPacket?: string;
  plans: StepPlan[];
  /** The fix step as it runs when a review asks for changes (shown by --print; the supervisor plans it again with the session). */
  fixPlan?: StepPlan;
  agent?: AgentChoice;
  /** Where the agents will run (config `sandbox`; `bwrap` that does not work here refuses the run). */
  sandbox: SandboxChoice;
  /** The round packet's text, and each step's packet file (step → path; fix: its first round's). */
  packetText: string;
  stepPackets: Record<string, string>;
  /** The implementer gets a plan (a plan step runs, or plan.md is there from an earlier round). */
  planned: boolean;
  config: Config;
}

/** Where each step's packet goes: the round packet for an implement step without a plan, else its own file. */
function stepPacketOf(taskDir: string, round: number, packetPath: string, planned: boolean): (step: string) => string {
  return (step) => (step === 'implement' && !planned ? packetPath : stepPacketPath(taskDir, round, step));
}

/** Validate and plan a run of the task without starting it (also what `run --print` shows). */
export async function prepareRun(taskDir: string, opts: PrepareOptions = {}): Promise<PreparedRun> {
  let task = readTask(taskDir);
  if (opts.settle !== false) task = await settleWithoutSupervisor(taskDir, graceMs(task), 'interrupted');
  if (runnerLostButFollowed(task)) throw runnerLostRefusal(task, 'run');
  const state = effectiveState(task);
  if (state === 'running') {
    throw new UserError(`task ${task.id} is already running (supervisor pid ${task.processes.supervisor?.pid}): wait for it, or stop it with: wtagents stop ${task.id}`);
  }
  if (state === 'queued' && !opts.fromQueue) {
    throw new UserError(`task ${task.id} is queued: it starts when a slot frees (config maxParallel); take it out with: wtagents stop ${task.id}`);
  }
  const from = state === 'draft' && isDir(task.worktree) ? 'ready' : state;
  if (from === 'draft') throw new UserError(`task ${task.id} has no worktree yet (made with --mode dry-run): run bash ${taskPaths(taskDir).createWorktreeScript} first`);
  if (nextState(from, 'start') === null) throw new UserError(`cannot run task ${task.id}: it is ${task.state}`);
  if (task.archived && !isDir(task.worktree)) throw new UserError(`task ${task.id} is archived (its worktree was freed): restore it first with: wtagents archive ${task.id} --restore`);
  if (!isDir(task.worktree)) throw new UserError(`the worktree of task ${task.id} is missing: ${task.worktree}`);
  const feedback = opts.feedback?.trim();
  if (opts.feedback !== undefined && !feedback) throw new UserError('the feedback is empty: say what should change');

  const config = loadConfig(task.repo);
  const p = taskPaths(taskDir);
  const round = feedback ? task.round + 1 : task.round;
  // A queued request-changes round: its packet was written when it was queued; it resumes like one.
  const changesRound = feedback !== undefined || (state === 'queued' && task.queue?.changesRequested === true);
  let packetPath: string;
  let newPacket: string | undefined;
  if (feedback) {
    packetPath = p.packet(round, 'request-changes');
    newPacket = requestChangesPacket({ ...task, round, feedback, ...previousEvidence(taskDir) });
  } else {
    packetPath = packetOfRound(taskDir, round);
  }
  const agent = opts.agent ?? task.agent;
  const packetText = newPacket ?? readFileSync(packetPath, 'utf8');
  const input = {
    task,
    config,
    packetPath,
    packetText,
    round,
    ...(changesRound && task.sessionId ? { resumeSessionId: task.sessionId, ...(task.sessionAgent ? { resumeAgent: task.sessionAgent } : {}) } : {}),
    ...(agent ? { agent } : {}),
  };
  // A human's request-changes starts the workflow again at implement; each step but a plan-less implement has its own packet.
  const planned = (task.workflow ?? config.workflow).includes('plan') || existsSync(path.join(taskDir, 'plan.md'));
  const stepPacket = stepPacketOf(taskDir, round, packetPath, planned);
  const plans = planSteps({ ...input, ...(changesRound ? { fromStep: 'implement' as const } : {}), stepPacket });
  const fixRounds = config.budget.maxFixRounds;
  const fixPlan = plans.some((p) => p.step === 'review') && fixRounds > 0 ? planFixStep({ ...input, packetPath: stepPacketPath(taskDir, round, 'fix-1') }) : undefined;
  if (fixPlan) fixPlan.notes = [...(fixPlan.notes ?? []), `runs only when a review asks for changes (at most ${plural(fixRounds, 'time')}), resuming the implement step's session`];
  // Each runner refuses what cannot run where it runs (local: a missing agent binary; ssh: its host checks its own).
  runnerFor(task).prepare(task, [...plans, ...(fixPlan ? [fixPlan] : [])]);
  const sandbox = requireSandbox(config.sandbox);
  const stepPackets = Object.fromEntries([...plans.map((p) => [p.step, stepPacket(p.step)]), ...(fixPlan ? [['fix', stepPacketPath(taskDir, round, 'fix-1')]] : [])]);
  return {
    task,
    config,
    round,
    packetPath,
    plans,
    sandbox,
    packetText,
    stepPackets,
    planned,
    ...(fixPlan ? { fixPlan } : {}),
    ...(newPacket !== undefined ? { newPacket } : {}),
    ...(agent ? { agent } : {}),
  };
}

/** Start the task's agent in the background; resolves once task.json records the supervisor. */
export async function startTask(taskDir: string, opts: StartOptions = {}): Promise<TaskRecord> {
  let record: TaskRecord;
  if (holdsDecisionLock(opts.decisionLock, taskDir)) record = await startLocked(taskDir, opts);
  else {
    const id = readTask(taskDir).id;
    let lock: DecisionLock;
    try {
      lock = takeDecisionLock(taskDir, (file) => `cannot run task ${id}: a decision on ${id} is in progress (${file}); try again when it is done`);
    } catch (error) {
      throw opts.fromQueue ? new QueueBusy(id) : error;
    }
    try {
      record = await startLocked(taskDir, opts);
    } finally {
      lock.release();
    }
  }
  if (record.state !== 'queued') return record;
  // Queued behind others: a slot may be free for the head of the queue (a supervisor killed before it could start it).
  await startQueuedRuns(record.repo);
  return readTask(taskDir);
}

async function startLocked(taskDir: string, opts: StartOptions): Promise<TaskRecord> {
  const run = await prepareRun(taskDir, opts);
  for (const plan of run.plans) for (const note of plan.notes ?? []) opts.onNote?.(plan.step, note);
  const p = taskPaths(taskDir);
  if (run.newPacket !== undefined) {
    writeFileAtomic(run.packetPath, run.newPacket);
    rmSync(p.report, { force: true }); // quoted in the new packet; the new round writes its own
  }
  const max = run.config.maxParallel;
  const pool = poolOf(run.task.runner);
  const limited = max !== undefined || pool !== null || (run.task.runner !== undefined && run.config.runners[run.task.runner]?.maxParallel !== undefined);
  if (!limited) return launch(taskDir, run, opts);
  if (opts.fromQueue) {
    // The queue (holding its lock) checked the repository's limit; the runner's may still be full.
    const slot = await runnerSlot(run.task, run.config);
    if (!slot.start) throw new QueueBusy(run.task.id);
    return launch(taskDir, run, opts, slot.runner);
  }
  return withQueueLock(run.task.repo, async () => {
    if (max !== undefined) {
      const running = runningTasks(run.task.repo).filter((t) => t.record.id !== run.task.id).length;
      if (running >= max || queuedTasks(run.task.repo).length > 0) return enqueue(taskDir, run, `waiting for a free slot (maxParallel ${max}, ${running} running)`);
    }
    const slot = await runnerSlot(run.task, run.config);
    return slot.start ? launch(taskDir, run, opts, slot.runner) : enqueue(taskDir, run, slot.why);
  });
}

/** Mark the task running and launch its detached supervisor (under the task's lock). */
async function launch(taskDir: string, run: PreparedRun, opts: StartOptions, picked?: string): Promise<TaskRecord> {
  const request: RunRequest = { round: run.round, packet: run.packetPath, plans: run.plans, setup: run.task.setupDoneAt === undefined };
  // A dry-run task whose worktree its script has made is ready first (prepareRun checked the worktree).
  if (readTask(taskDir).state === 'draft') await applyTaskEvent(taskDir, 'worktree-created', { reason: 'the worktree was made by its script' });
  const queued = readTask(taskDir);
  const changes = run.newPacket !== undefined || (queued.state === 'queued' && queued.queue?.changesRequested === true);
  const why = `round ${run.round}${changes ? ': changes requested' : ''}${queued.state === 'queued' ? ' (from the queue)' : ''}`;
  const { record } = await applyTaskEvent(taskDir, 'start', {
    reason: why,
    round: run.round,
    ...(run.newPacket !== undefined ? { events: [{ type: 'packet.written' as const, path: path.relative(taskDir, run.packetPath) }] } : {}),
    // Checked again under the lock: another run, merge or abandon may have come in meanwhile.
    refused: (t) =>
      t.state === 'running'
        ? `task ${t.id} is already running (supervisor pid ${t.processes.supervisor?.pid})`
        : t.state === 'queued'
          ? `task ${t.id} is queued`
          : `cannot run task ${t.id}: it is ${t.state}`,
    check(t) {
      if (t.state === 'queued' && !opts.fromQueue) throw new UserError(`task ${t.id} is queued`);
    },
    change(t) {
      // Launched under the task's lock: the supervisor's first read of task.json waits for this record.
      // A pool's task runs on the host picked for it (runnerSlot), from now on.
      if (picked !== undefined) {
        t.pool = poolOf(t.runner) ?? t.pool;
        t.runner = picked;
      }
      const child = runnerFor(t).start(t, request);
      t.round = run.round;
      if (run.agent) t.agent = run.agent;
      delete t.queue;
      t.processes = { supervisor: processRef(child.pid!) };
    },
  });
  return record;
}

/** Queue the run: `queued` on disk with the time (FIFO) and the round it will run (its packet already written). */
async function enqueue(taskDir: string, run: PreparedRun, why: string): Promise<TaskRecord> {
  if (readTask(taskDir).state === 'draft') await applyTaskEvent(taskDir, 'worktree-created', { reason: 'the worktree was made by its script' });
  const { record } = await applyTaskEvent(taskDir, 'enqueue', {
    reason: why,
    round: run.round,
    ...(run.newPacket !== undefined ? { events: [{ type: 'packet.written' as const, path: path.relative(taskDir, run.packetPath) }] } : {}),
    refused: (t) => `cannot run task ${t.id}: it is ${t.state}`,
    change(t) {
      t.round = run.round;
      if (run.agent) t.agent = run.agent;
      t.queue = { at: new Date().toISOString(), ...(run.newPacket !== undefined ? { changesRequested: true } : {}) };
    },
  });
  return record;
}

/** Start queued runs while slots are free (the supervisor that finishes, stop and run call it). */
export function startQueuedRuns(repo: string): Promise<string[]> {
  return startQueued(repo, (taskDir) => startTask(taskDir, { fromQueue: true }));
}

/** The packet a round runs with: packets/0N-*.md (the first one of that round). */
function packetOfRound(taskDir: string, round: number): string {
  const p = taskPaths(taskDir);
  const prefix = `${String(round).padStart(2, '0')}-`;
  let names: string[] = [];
  try {
    names = readdirSync(p.packets).filter((n) => n.startsWith(prefix) && n.endsWith('.md')).sort();
  } catch {
    // no packets directory
  }
  if (names.length === 0) throw new UserError(`task ${path.basename(taskDir)} has no packet for round ${round} in ${p.packets}`);
  return path.join(p.packets, names[0]!);
}

/** The previous round's report and checks, for the request-changes packet. */
function previousEvidence(taskDir: string): { previousReport?: string; previousChecks?: ChecksFile } {
  const p = taskPaths(taskDir);
  const out: { previousReport?: string; previousChecks?: ChecksFile } = {};
  try {
    out.previousReport = readFileSync(p.report, 'utf8');
  } catch {
    // no report
  }
  try {
    const parsed = ChecksFile.safeParse(JSON.parse(readFileSync(path.join(p.review, 'checks.json'), 'utf8')));
    if (parsed.success) out.previousChecks = parsed.data;
  } catch {
    // no checks
  }
  return out;
}

function isDir(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
