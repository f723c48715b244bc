// What the supervisor keeps about one run beyond the task directory: the sandbox it chose (and the run's
// scratch directory), the guard's before/after snapshots, and its own records (records/<id>.jsonl) of
// the run's start, each step's exit, the checks' exit codes, guard violations and the final state.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../core/config.js';
import type { ChecksFile } from '../core/checks.js';
import type { TaskState } from '../core/lifecycle.js';
import type { TaskRecord } from '../core/task.js';
import { appendRecord } from '../store/records.js';
import { appendEvent, type TraceContext } from '../store/trace-writer.js';
import { guardSnapshot, guardViolations, type GuardSnapshot } from './guard.js';
import { makeScratch, type RunScratch } from './run-scratch.js';
import { prepareSandbox, requireSandbox, type RunSandbox } from './sandbox.js';
import type { StepPlan } from './types.js';

export interface RunFacts {
  sandbox: RunSandbox;
  scratch: RunScratch;
  stepExited(step: string, code: number | null, signal: string | null): void;
  checks(file: ChecksFile): void;
  /** Guard after the run (violations traced and recorded), the final state recorded, scratch removed. */
  close(outcome: { state: TaskState; reason: string }): Promise<void>;
}

/**
 * The per-task homes presets keep their CLI's state in (gemini's settings home, <taskDir>/agent-home/…):
 * made now, and left writable inside the sandbox although the task directory around them is hidden.
 */
function agentStateDirs(task: TaskRecord, plans: readonly StepPlan[]): string[] {
  const root = path.join(task.taskDir, 'agent-home');
  const used = plans.some((p) => (p.files ?? []).some((f) => f.path.startsWith(`${root}${path.sep}`)) || Object.values(p.env).some((v) => v.startsWith(`${root}${path.sep}`)));
  if (!used) return [];
  mkdirSync(root, { recursive: true });
  return [root];
}

export async function openRunFacts(task: TaskRecord, plans: readonly StepPlan[], packet: string, config: Config, ctx: TraceContext): Promise<RunFacts> {
  const record = { task: task.id, round: ctx.round };
  const before: GuardSnapshot = await guardSnapshot(task.repo, task.branch);
  const scratch = await makeScratch(packet, task.worktree);
  let sandbox: RunSandbox;
  try {
    const env = { ...process.env, ...Object.assign({}, ...plans.map((p) => p.env)) } as NodeJS.ProcessEnv;
    const argvPaths = plans.flatMap((p) => p.argv);
    sandbox = await prepareSandbox(requireSandbox(config.sandbox), {
      task,
      scratch: scratch.dir,
      gitConfig: scratch.gitConfig,
      env,
      argvPaths,
      stateDirs: agentStateDirs(task, plans),
      ...(config.worktreeDir ? { worktreeDir: config.worktreeDir } : {}),
    });
  } catch (error) {
    scratch.dispose();
    throw error;
  }
  appendRecord(task.repo, record, { kind: 'run.started', sandbox: sandbox.note, supervisorPid: process.pid });
  return {
    sandbox,
    scratch,
    stepExited: (step, code, signal) => appendRecord(task.repo, record, { kind: 'step.exited', step, code, signal }),
    checks: (file) => appendRecord(task.repo, record, { kind: 'checks', results: file.results.map((r) => ({ cmd: r.cmd, exitCode: r.exitCode, ...(r.timedOutSeconds !== undefined ? { timedOutSeconds: r.timedOutSeconds } : {}) })) }),
    async close(outcome) {
      try {
        const after = await guardSnapshot(task.repo, task.branch);
        for (const v of guardViolations(before, after)) {
          appendRecord(task.repo, record, { kind: 'guard.violation', what: v.what, detail: v.detail });
          await appendEvent(ctx, { type: 'guard.violation', what: v.what, detail: v.detail });
        }
      } finally {
        appendRecord(task.repo, record, { kind: 'run.finished', state: outcome.state, reason: outcome.reason });
        scratch.dispose();
      }
    },
  };
}
