// The supervisor's own commands in the worktree: setup before the first agent run (step `setup`),
// checks after the agent (step `check`, results in review/checks.json). Both traced as check.* events.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckResult, ChecksFile } from '../core/checks.js';
import { writeJsonAtomic } from '../store/atomic.js';
import { taskPaths } from '../store/layout.js';
import { appendEvent, type TraceContext } from '../store/trace-writer.js';
import { logTail, runShell } from './shell-run.js';
import type { StopControl } from './stop-control.js';

export interface PhaseInput {
  ctx: TraceContext;
  worktree: string;
  env: NodeJS.ProcessEnv;
  stop: StopControl;
  /** Wraps each command's argv (the sandbox checks run in: they run the agent's code). */
  wrap?: (argv: readonly string[]) => string[];
  /** Each command may run this long (config `budget.checkTimeoutSeconds`); unset: no limit. */
  timeoutSeconds?: number;
}

/** Run `cmds` one by one, each logged to logs/round-N-<step>-K.log and traced; stops at the first failure if told. */
async function runPhase(step: 'setup' | 'check', cmds: readonly string[], input: PhaseInput, stopOnFailure: boolean): Promise<CheckResult[]> {
  const { ctx, stop } = input;
  const p = taskPaths(ctx.taskDir);
  mkdirSync(p.logs, { recursive: true });
  const sctx = { ...ctx, step };
  const results: CheckResult[] = [];
  for (const [i, cmd] of cmds.entries()) {
    if (stop.requested) break;
    const rel = path.join('logs', `round-${ctx.round}-${step}-${i + 1}.log`);
    const logFile = path.join(ctx.taskDir, rel);
    writeFileSync(logFile, `$ ${cmd}\n`);
    await appendEvent(sctx, { type: 'check.started', cmd });
    const limit = input.timeoutSeconds;
    const r = await runShell(cmd, { cwd: input.worktree, env: input.env, logFile, stop, ...(input.wrap ? { wrap: input.wrap } : {}), ...(limit !== undefined ? { timeoutMs: limit * 1000 } : {}) });
    const timedOut = r.timedOut && limit !== undefined ? { timedOutSeconds: limit } : {};
    let tail = r.logTail;
    if (r.timedOut && limit !== undefined) {
      const reason = `${step} \`${cmd}\` timed out after ${limit}s (budget.checkTimeoutSeconds): its process group was killed`;
      appendFileSync(logFile, `\n${reason}\n`);
      tail = logTail(logFile);
      await appendEvent(sctx, { type: 'budget.exceeded', limit: 'budget.checkTimeoutSeconds', reason, figure: Math.round(r.durationMs / 100) / 10, max: limit });
    }
    const result: CheckResult = { cmd, exitCode: r.exitCode, durationMs: r.durationMs, logTail: tail, log: rel, ...timedOut };
    results.push(result);
    await appendEvent(sctx, { type: 'check.finished', cmd, exitCode: r.exitCode, durationMs: r.durationMs, logTail: tail, ...(r.signal ? { signal: r.signal } : {}), ...timedOut });
    if (stopOnFailure && r.exitCode !== 0) break;
  }
  return results;
}

/** Setup commands; returns the failed one's result, or null when all passed. */
export async function runSetup(cmds: readonly string[], input: PhaseInput): Promise<CheckResult | null> {
  const results = await runPhase('setup', cmds, input, true);
  return results.find((r) => r.exitCode !== 0) ?? null;
}

/** Checks: every command runs (a failure does not skip the rest); review/checks.json is written. */
export async function runChecks(cmds: readonly string[], input: PhaseInput): Promise<ChecksFile> {
  const results = await runPhase('check', cmds, input, false);
  const file: ChecksFile = { round: input.ctx.round, finishedAt: new Date().toISOString(), results };
  writeJsonAtomic(path.join(taskPaths(input.ctx.taskDir).review, 'checks.json'), file);
  return file;
}
