// Best of N: the attempts of one group side by side (state, checks, diff size, cost, risk flags, the
// reviewer's verdict, the agent's own recommendation) and which one to review first. One view-model for
// `wtagents compare` and the dashboard.
import { formatCost, formatTokens } from '../core/format.js';
import { listTasks } from '../store/tasks.js';
import { collectEvidence } from './evidence.js';
import { openSession } from './open.js';

export interface AttemptRow {
  id: string;
  index: number;
  agent: string;
  state: string;
  checks: { passed: number; total: number } | null;
  diff: { files: number; added: number; removed: number } | null;
  tokens: number | null;
  costUsd: number | null;
  risks: string[];
  verdict: string | null;
  recommendation: string | null;
}

export interface Comparison {
  group: string;
  attempts: AttemptRow[];
  /** The attempt to review first (null when none is worth it), and why. */
  best: { id: string; why: string } | null;
}

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

/** Done with every check passing first, then a reviewer's approval, fewer risk flags, a smaller diff, lower cost. */
export function bestAttempt(rows: readonly AttemptRow[]): { id: string; why: string } | null {
  const ok = rows.filter((r) => r.state === 'done' && (r.checks === null || r.checks.passed === r.checks.total) && r.diff !== null && r.diff.files > 0);
  if (ok.length === 0) return null;
  const key = (r: AttemptRow) => [r.verdict === 'approve' ? 0 : r.verdict === null ? 1 : 2, r.risks.length, r.diff!.added + r.diff!.removed, r.costUsd ?? 0];
  const best = [...ok].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return a.index - b.index;
  })[0]!;
  const why = [
    best.checks ? `checks ${best.checks.passed}/${best.checks.total}` : 'done',
    best.verdict === 'approve' ? 'reviewer approves' : null,
    `${best.risks.length} risk flag${best.risks.length === 1 ? '' : 's'}`,
    `+${best.diff!.added} −${best.diff!.removed}`,
  ].filter(Boolean);
  return { id: best.id, why: why.join(', ') };
}

/** The comparison as table rows (header first) for the CLI and the dashboard's compare view. */
export function comparisonRows(c: Comparison): string[][] {
  return [
    ['#', 'ATTEMPT', 'AGENT', 'STATE', 'CHECKS', 'DIFF', 'COST', 'RISKS', 'REVIEW', 'AGENT SAYS'],
    ...c.attempts.map((a) => [
      `${a.id === c.best?.id ? '★' : ' '}${a.index}`,
      a.id,
      a.agent,
      a.state,
      a.checks ? `${a.checks.passed}/${a.checks.total}` : '-',
      a.diff ? `${a.diff.files}f +${a.diff.added} −${a.diff.removed}` : '(no branch)',
      a.costUsd !== null ? formatCost(a.costUsd) : a.tokens !== null ? `${formatTokens(a.tokens)} tok` : '-',
      a.risks.length > 0 ? `${a.risks.length}: ${[...new Set(a.risks)].join(',')}` : '0',
      a.verdict ?? '-',
      a.recommendation ?? '-',
    ]),
  ];
}
