// Check results (review/checks.json): what wtagents itself ran in the worktree after the agent.
import { z } from 'zod';

export const CheckResult = z.object({
  cmd: z.string(),
  /** null when the check was killed by a signal or could not start. */
  exitCode: z.number().int().nullable(),
  durationMs: z.number().nonnegative(),
  /** The last lines of its combined output. */
  logTail: z.string(),
  /** Where the full log is, relative to the task directory. */
  log: z.string().optional(),
  /** Set when wtagents killed the check at config `budget.checkTimeoutSeconds` (then exitCode is null). */
  timedOutSeconds: z.number().positive().optional(),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const ChecksFile = z.object({
  round: z.number().int().positive(),
  finishedAt: z.string(),
  results: z.array(CheckResult),
});
export type ChecksFile = z.infer<typeof ChecksFile>;

export function checksPassed(file: ChecksFile): boolean {
  return file.results.every((r) => r.exitCode === 0);
}

/** How a check ended, in a few words: `exit 1`, `timed out after 5s`, `exit signal`. */
export function checkEnd(r: { exitCode?: number | null | undefined; timedOutSeconds?: number | undefined }): string {
  if (r.timedOutSeconds !== undefined) return `timed out after ${r.timedOutSeconds}s`;
  return `exit ${r.exitCode ?? 'signal'}`;
}
