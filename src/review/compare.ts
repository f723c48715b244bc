// Best of N: the attempts of one group side by side (state, checks, diff size, cost, risk flags, the
// reviewer's verdict, the agent's own recommendation) and which one to review first. One view-model for
// `wtagents compare` and the dashboard's compare view (the rows and the pick are pure: src/core/attempts.ts).
import { bestAttempt, type AttemptRow, type Comparison } from '../core/attempts.js';
import { listTasks } from '../store/tasks.js';
import { collectEvidence } from './evidence.js';
import { openSession } from './open.js';

/** The group's attempts (in order), with their evidence; a clear error when there is no such group. */
export async function compareGroup(repo: string, group: string): Promise<Comparison> {
  const members = listTasks(repo)
    .filter((t) => t.record.group?.id === group)
    .sort((a, b) => a.record.group!.index - b.record.group!.index);
  if (members.length === 0) throw new Error(`no attempts in group "${group}" (see: wtagents list)`);
  const attempts = await Promise.all(
    members.map(async (m): Promise<AttemptRow> => {
      const session = await openSession(m.record.taskDir).catch(() => null);
      const e = await collectEvidence(m.record.taskDir, session);
      const c = e.checks.results;
      const u = e.usage;
      return {
        id: m.record.id,
        index: m.record.group!.index,
        agent: m.record.agent?.name ?? '(default)',
        state: m.state,
        checks: c.length > 0 ? { passed: c.filter((r) => r.exitCode === 0).length, total: c.length } : null,
        diff: session ? { files: e.totals.files, added: e.totals.added, removed: e.totals.removed } : null,
        tokens: u ? u.inputTokens + u.outputTokens : null,
        costUsd: u?.costUsd ?? null,
        risks: e.risks.map((r) => r.kind),
        verdict: e.workflow?.reviews.at(-1)?.verdict ?? null,
        recommendation: e.report.recommendation?.verdict ?? null,
      };
    }),
  );
  return { group, attempts, best: bestAttempt(attempts) };
}

export { bestAttempt, comparisonRows, pickLine, type AttemptRow, type Comparison } from '../core/attempts.js';
