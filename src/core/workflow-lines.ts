// The workflow evidence (its type) and the same as lines (one view-model for the CLI's text and the screen's evidence tab): the
// plan, each review's verdict and findings, the summary, and tokens and cost per step and model against
// the budget. Agent text is made safe by the renderers.
import { formatCost, formatTable, formatTokens, plural } from './format.js';
import type { StepUsage } from './step-usage.js';
import type { Tone } from './trace-format.js';

export interface ReviewOutput {
  round: number;
  file: string;
  verdict: string | null;
  items: string[];
}

/** The workflow's part of the evidence (gathered by src/review/workflow-evidence.ts). */
export interface WorkflowEvidence {
  /** plan.md, summary.md (null when the step never ran or wrote nothing). */
  plan: string | null;
  summary: string | null;
  reviews: ReviewOutput[];
  /** Files changed by steps that must change nothing. */
  edits: { round: number; step: string; paths: string[] }[];
  steps: StepUsage[];
  /** The task's limits, and the `budget.exceeded` events. */
  budget: { maxCostUsd?: number; maxTokens?: number; maxMinutes?: number } | null;
  exceeded: { limit: string; reason: string; max?: number; figure?: number }[];
}

export interface WorkflowLine {
  text: string;
  tone: Tone;
  bold?: boolean;
}

/** Lines of plan.md and summary.md shown (the files hold all of it). */
const DOC_LINES = 40;

export function workflowLines(w: WorkflowEvidence | undefined): WorkflowLine[] {
  if (!w) return [];
  const out: WorkflowLine[] = [];
  const add = (text: string, tone: Tone = 'normal', bold = false) => out.push({ text, tone, ...(bold ? { bold } : {}) });
  const doc = (title: string, text: string) => {
    add(title, 'accent', true);
    const lines = text.replace(/\r\n?/g, '\n').trimEnd().split('\n');
    for (const l of lines.slice(0, DOC_LINES)) add(`  ${l}`);
    if (lines.length > DOC_LINES) add(`  … ${lines.length - DOC_LINES} more lines`, 'dim');
  };
  if (w.plan) doc('Plan (plan.md, from the plan step):', w.plan);
  for (const r of w.reviews) {
    const tone: Tone = r.verdict === 'approve' ? 'ok' : r.verdict === null ? 'warn' : 'error';
    add(`Review ${r.file} (round ${r.round}): ${r.verdict ?? 'no verdict'}${r.items.length > 0 ? `, ${plural(r.items.length, 'finding')}` : ''}`, tone, true);
    r.items.forEach((it, i) => add(`  ${i + 1}. ${it}`, tone === 'ok' ? 'normal' : 'warn'));
  }
  if (w.summary) doc('Summary (summary.md, the handoff):', w.summary);
  out.push(...usageLines(w));
  return out;
}

/** Tokens and cost per step run and model, the total, and the budget it was held to. */
export function usageLines(w: WorkflowEvidence): WorkflowLine[] {
  const rows = w.steps.filter((s) => s.reported);
  const out: WorkflowLine[] = [];
  const b = w.budget;
  if (rows.length === 0 && !b && w.exceeded.length === 0) return out;
  out.push({ text: 'Cost per step:', tone: 'normal', bold: true });
  // A cost estimated from config prices (the agent reported none) reads `≈$0.4200 (estimated from prices)`.
  const money = (usd: number, estimated: boolean) => (estimated ? `≈$${usd.toFixed(4)} (estimated from prices)` : `$${usd.toFixed(4)}`);
  const table = rows.map((s) => [`  r${s.round}`, s.step || '?', `${s.agent}${s.model ? ` ${s.model}` : ''}`, `${formatTokens(s.inputTokens)} in / ${formatTokens(s.outputTokens)} out`, s.costUsd !== undefined ? money(s.costUsd, s.costEstimated === true) : '$?']);
  const tokens = rows.reduce((n, s) => n + s.inputTokens + s.outputTokens, 0);
  const costs = rows.filter((s) => s.costUsd !== undefined);
  const cost = costs.reduce((n, s) => n + s.costUsd!, 0);
  table.push(['  total', '', '', `${formatTokens(tokens)} tokens`, costs.length > 0 ? money(cost, costs.some((s) => s.costEstimated)) : '$?']);
  for (const line of formatTable(table).split('\n')) out.push({ text: line, tone: 'dim' });
  if (b) {
    // The budget holds one run: compare the last round's figures.
    const round = Math.max(0, ...rows.map((s) => s.round));
    const last = rows.filter((s) => s.round === round);
    const roundCost = last.reduce((n, s) => n + (s.costUsd ?? 0), 0);
    const roundTokens = last.reduce((n, s) => n + s.inputTokens + s.outputTokens, 0);
    const parts: string[] = [];
    const roundEstimated = last.some((s) => s.costEstimated) ? '≈' : '';
    if (b.maxCostUsd !== undefined) parts.push(`${roundEstimated}${formatCost(roundCost)} of $${b.maxCostUsd} (${Math.round((roundCost / b.maxCostUsd) * 100)}%)`);
    if (b.maxTokens !== undefined) parts.push(`${formatTokens(roundTokens)} of ${formatTokens(b.maxTokens)} tokens (${Math.round((roundTokens / b.maxTokens) * 100)}%)`);
    if (b.maxMinutes !== undefined) parts.push(`at most ${b.maxMinutes} min`);
    out.push({ text: `  budget (a run; round ${round}): ${parts.join(' · ')}`, tone: w.exceeded.length > 0 ? 'error' : 'normal' });
  }
  for (const x of w.exceeded) out.push({ text: `  budget exceeded (${x.limit}): ${x.reason}`, tone: 'error' });
  return out;
}
