// Best of N, the pure half: an attempt's facts, the pick of which to review first, and the comparison as table
// rows (for `wtagents compare` and the dashboard's compare view). src/review/compare.ts gathers the facts.
import { formatCost, formatTokens, plural } from './format.js';

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

/** None once one is merged. Else: done with every check passing first, then a reviewer's approval, fewer risk flags, a smaller diff, lower cost. */
export function bestAttempt(rows: readonly AttemptRow[]): { id: string; why: string } | null {
  if (rows.some((r) => r.state === 'merged')) return null; // decided already
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
    plural(best.risks.length, 'risk flag'),
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

/** The comparison's verdict in one line: the merged attempt, the one to review first, or that none is ready. */
export function pickLine(c: Comparison): string {
  const merged = c.attempts.find((a) => a.state === 'merged');
  if (merged) {
    const open = c.attempts.filter((a) => a.state !== 'merged' && a.state !== 'abandoned').length;
    return `Merged: ${merged.id}${open > 0 ? ` (${plural(open, 'other')} still open)` : ''}`;
  }
  return c.best ? `Review first: ${c.best.id} (${c.best.why})` : 'No attempt is done with passing checks and a diff yet.';
}
