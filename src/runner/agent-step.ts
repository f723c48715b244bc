// One step of a run: the agent process (its own process group, packet on stdin, cwd = worktree),
// its bytes to capped logs, its lines through the adapter into the trace, its exit recorded.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LineSplitter } from '../core/line-splitter.js';
import type { TaskRecord } from '../core/task.js';
import type { TraceEvent } from '../core/trace-schema.js';
import { taskPaths } from '../store/layout.js';
import { groupMembers, killGroup } from '../store/process-group.js';
import { processRef } from '../store/process-info.js';
import { updateTask } from '../store/tasks.js';
import { appendEvent, type TraceContext } from '../store/trace-writer.js';
import { createAdapter } from './adapters/index.js';
import type { RunSandbox } from './sandbox.js';
import { modelAfterExit } from './adapters/codex-model.js';
import { baselineFromTrace } from './adapters/resume-usage.js';
import { CappedLog } from './capped-log.js';
import { startChild } from '../proc/child.js';
import type { StopControl } from './stop-control.js';
import { TraceBatcher } from './trace-batcher.js';
import type { AdapterSummary, StepPlan } from './types.js';
import { Watchdog, type WatchdogLimits, type WatchdogTrip } from './watchdog.js';

export interface StepInput {
  task: TaskRecord;
  plan: StepPlan;
  ctx: TraceContext;
  packet: string;
  /** Environment of the supervisor (without the run request), before the step's own variables. */
  baseEnv: NodeJS.ProcessEnv;
  stop: StopControl;
  /** How long an exited agent's leftover processes (and open pipes) get before they are killed. */
  leftoverGraceMs?: number;
  /** Where the agent runs (default: not sandboxed). */
  sandbox?: RunSandbox;
  /** The packet's copy the agent may read (WTAGENTS_PACKET); default the packet itself. */
  agentPacket?: string;
  /** The run's scratch directory: the packet is copied there for the agent (the task directory is not its to see). */
  scratch?: string;
  /** Hears the agent's events as written to the trace (the supervisor sums the usage live). */
  onTraced?: (events: TraceEvent[]) => void;
  /** The step's name in its log files when it runs more than once a round (`review-2`); default: the step. */
  label?: string;
  /** Idle and hard time limits (see watchdog.ts); none when omitted. */
  limits?: WatchdogLimits;
  /** Called with the step's watchdog once the agent runs (e.g. to trip it on a cost budget). */
  onWatchdog?: (dog: Watchdog) => void;
}

export interface StepResult {
  step: string;
  agent: string;
  code: number | null;
  signal: string | null;
  durationMs: number;
  summary: AdapterSummary;
  /** The session to resume next round: the one the stream reported, else the one the plan pre-assigned. */
  sessionId?: string;
  /** Set when the agent could not be started at all. */
  startError?: string;
  /** Set when the watchdog stopped the agent (idle, step timeout, a budget): why. */
  tripped?: WatchdogTrip;
}

/**
 * The environment an agent step sees (DESIGN: WTAGENTS_* plus the route's variables). Never the task
 * directory: the agent is not handed the place its evidence is kept.
 */
export function agentEnv(i: Pick<StepInput, 'task' | 'plan' | 'ctx' | 'packet' | 'baseEnv' | 'sandbox' | 'agentPacket'>): NodeJS.ProcessEnv {
  const { WTAGENTS_TASK_DIR: _, ...base } = i.baseEnv;
  return {
    ...base,
    WTAGENTS_TASK: i.task.id,
    WTAGENTS_PACKET: i.agentPacket ?? i.packet,
    WTAGENTS_WORKTREE: i.task.worktree,
    WTAGENTS_REPO: i.task.repo,
    WTAGENTS_STEP: i.plan.step,
    WTAGENTS_ROUND: String(i.ctx.round),
    // Some CLIs (opencode) work in $PWD, not in their process's cwd: it must be the worktree, never the caller's.
    PWD: i.task.worktree,
    ...i.plan.env,
    ...i.sandbox?.env,
  };
}

export async function runAgentStep(i: StepInput): Promise<StepResult> {
  const { plan, stop } = i;
  const ctx: TraceContext = { ...i.ctx, step: plan.step };
  const p = taskPaths(ctx.taskDir);
  mkdirSync(p.logs, { recursive: true });
  const base = `round-${ctx.round}-${i.label ?? plan.step}`;
  const logs = { stdout: new CappedLog(path.join(p.logs, `${base}.stdout.log`)), stderr: new CappedLog(path.join(p.logs, `${base}.stderr.log`)) };
  const adapter = createAdapter(plan.format, { resumeBaseline: baselineFromTrace(p.trace, plan.sessionId, plan.resumed, ctx.round) });
  const batch = new TraceBatcher(ctx, `logs/${base}.stdout.log`);
  if (i.onTraced) batch.onTraced = i.onTraced;
  const started = performance.now();
  for (const f of plan.files ?? []) {
    mkdirSync(path.dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.content);
  }

  // The agent reads a copy of the packet outside the task directory; a packet named in argv (aider's
  // --message-file) is that copy too.
  const agentPacket = i.agentPacket ?? (i.scratch ? copyPacket(i.scratch, i.packet) : undefined);
  const argv = (i.sandbox?.wrap ?? ((a: readonly string[]) => [...a]))(plan.argv.map((w) => (agentPacket && w === i.packet ? agentPacket : w)));
  const sub = startChild(argv[0]!, argv.slice(1), {
    cwd: i.task.worktree,
    env: agentEnv({ ...i, ...(agentPacket ? { agentPacket } : {}) }),
    stdin: plan.packetOnStdin ? { file: i.packet } : 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    detached: true,
  });
  const pid = sub.pid;
  if (pid !== undefined) stop.track(pid);
  // Recorded while the listeners below are attached at once (the trace keeps this process's call order).
  const recorded = Promise.all([
    pid !== undefined &&
      updateTask(ctx.taskDir, (t) => {
        t.processes.agent = processRef(pid);
      }),
    appendEvent(ctx, {
      type: 'agent.started',
      agent: plan.agent,
      command: plan.argv,
      pid: pid ?? null,
      ...(plan.model ? { model: plan.model } : {}),
      ...(i.sandbox ? { sandbox: i.sandbox.note } : {}),
    }).then((e) => i.onTraced?.([e])),
  ]);
  const dog =
    pid !== undefined
      ? new Watchdog(pid, i.limits ?? {}, {
          graceMs: stop.grace,
          // Traced after what the agent already said (the trace keeps this process's call order).
          onTrip: (trip) => {
            void batch.flush().catch(() => undefined);
            void appendEvent(ctx, { type: 'budget.exceeded', ...trip }).catch(() => undefined);
          },
        })
      : undefined;
  if (dog) i.onWatchdog?.(dog);

  for (const stream of ['stdout', 'stderr'] as const) {
    const splitter = new LineSplitter();
    const readable = sub[stream];
    readable?.on('data', (chunk: Buffer) =>
      {
        dog?.activity();
        // The raw log and the trace fail apart (a full disk may refuse one and not the other).
        guard(() => logs[stream].write(chunk));
        guard(() => batch.add(splitter.push(chunk).flatMap((line) => adapter.line(line, stream))));
      },
    );
    readable?.on('end', () => guard(() => batch.add(splitter.end().flatMap((line) => adapter.line(line, stream)))));
  }

  let exitedAt: number | null = null;
  let cleanup: NodeJS.Timeout | null = null;
  sub.process?.once('exit', () => {
    exitedAt = performance.now();
    dog?.dispose();
    // The agent is gone; its leftover children (same group) or a pipe they hold must not keep us waiting.
    if (pid === undefined) return;
    cleanup = setTimeout(() => void reapLeftovers(pid, sub, i.leftoverGraceMs ?? 2000), groupMembers(pid).length > 0 ? 0 : (i.leftoverGraceMs ?? 2000));
  });

  await recorded;
  const r = await sub.done;
  if (cleanup) clearTimeout(cleanup);
  dog?.dispose();
  stop.untrack();
  await stop.settled();
  await dog?.settled();
  for (const log of Object.values(logs)) log.close();
  batch.add(adapter.end());
  await batch.flush();

  const summary = adapter.summary();
  // The stream announces its own session (with its raw line); a session the plan gave that the stream
  // never confirmed (a CLI that prints no id, a text agent) is recorded once here.
  if (plan.sessionId && !summary.sessionId) await appendEvent(ctx, { type: 'agent.session', sessionId: plan.sessionId, ...(plan.model ? { model: plan.model } : {}) });
  const lateModel = modelAfterExit(plan.format, summary, agentEnv(i), plan.model);
  if (lateModel && summary.sessionId) await appendEvent(ctx, { type: 'agent.session', sessionId: summary.sessionId, model: lateModel });
  const durationMs = Math.round((exitedAt ?? performance.now()) - started);
  const code = r.exitCode;
  const signal = r.signal;
  const startError = pid === undefined ? (r.startError ?? 'no process') : undefined;
  if (startError) await appendEvent(ctx, { type: 'agent.error', message: `could not start the agent: ${startError}` });
  if (batch.untraced > 0) await appendEvent(ctx, { type: 'agent.output', text: `[wtagents] ${batch.untraced} output lines not traced (${logs.stdout.total + logs.stderr.total} bytes in all): see logs/${base}.*.log` });
  await appendEvent(ctx, { type: 'agent.exited', code, signal, durationMs });
  const sessionId = summary.sessionId ?? plan.sessionId;
  const tripped = dog?.tripped ?? undefined;
  return { step: plan.step, agent: plan.agent, code, signal, durationMs, summary, ...(sessionId ? { sessionId } : {}), ...(startError ? { startError } : {}), ...(tripped ? { tripped } : {}) };
}

/** Copy the packet into the scratch directory (by its own name); returns the copy's path. */
function copyPacket(dir: string, packet: string): string {
  const copy = path.join(dir, path.basename(packet));
  copyFileSync(packet, copy);
  return copy;
}

/** Kill what is left of an exited agent's group; if its pipes are still open after that, close them. */
async function reapLeftovers(pgid: number, sub: { stdout: NodeJS.ReadableStream | null; stderr: NodeJS.ReadableStream | null }, graceMs: number): Promise<void> {
  await killGroup(pgid, graceMs);
  setTimeout(() => {
    for (const s of [sub.stdout, sub.stderr]) (s as { destroy?: () => void } | null)?.destroy?.();
  }, graceMs).unref();
}

/** A failure while handling output (disk full, a lock timeout) goes to the supervisor log; the agent keeps running. */
function guard(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    process.stderr.write(`wtagents supervisor: output handling failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}
