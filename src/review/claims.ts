// The review's check of the agent's word against git: does the branch have the commits its report claims,
// and which tool calls did its CLI or sandbox deny in the last run (from wtagents' own trace).
import type { TraceEvent } from '../core/trace-schema.js';
import { commitClaims, type ClaimCheck, type DeniedCall } from '../core/truth-flags.js';
import { commitsAhead, mergeBase } from '../git/checkouts.js';
import { resolveCommit } from '../git/repo.js';

/** Check the report's commit claims on `from..tip` of the task branch; null when it claims nothing. */
export async function checkClaims(repo: string, report: string, range: { from: string; tip: string; branch: string }): Promise<ClaimCheck | null> {
  const claims = commitClaims(report);
  if (!claims.saysCommitted && claims.shas.length === 0) return null;
  const [ahead, missing] = await Promise.all([
    claims.saysCommitted ? commitsAhead(repo, range.from, range.tip).catch(() => -1) : Promise.resolve(-1),
    Promise.all(claims.shas.slice(0, 10).map(async (sha) => ((await onBranch(repo, sha, range.tip)) ? null : sha))),
  ]);
  return { saysCommitted: claims.saysCommitted && ahead >= 0, commitsAhead: Math.max(ahead, 0), missing: missing.filter((s): s is string => s !== null), branch: range.branch };
}

/** Whether commit `sha` (possibly short) exists and is the tip or an ancestor of it. */
async function onBranch(repo: string, sha: string, tip: string): Promise<boolean> {
  const full = await resolveCommit(repo, sha).catch(() => null);
  if (full === null) return false;
  return (await mergeBase(repo, full, tip).catch(() => null)) === full;
}

/** The `agent.denied` events of the task's last round (the run under review). */
export function lastRoundDenials(events: readonly TraceEvent[]): DeniedCall[] {
  let round = 0;
  for (const e of events) if (e.type === 'agent.started' && e.round > round) round = e.round;
  return events
    .filter((e): e is Extract<TraceEvent, { type: 'agent.denied' }> => e.type === 'agent.denied' && e.round === round)
    .map((e) => ({ tool: e.tool, target: e.target, reason: e.reason }));
}

/** Whether the last run's agent steps all exited 0 (null when no agent ran). */
export function lastRunExitedOk(events: readonly TraceEvent[]): boolean | null {
  let round = 0;
  for (const e of events) if (e.type === 'agent.started' && e.round > round) round = e.round;
  const exits = events.filter((e) => e.type === 'agent.exited' && e.round === round);
  if (exits.length === 0) return null;
  return exits.every((e) => e.type === 'agent.exited' && e.code === 0);
}
