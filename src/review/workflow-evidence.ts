// The workflow's part of the evidence: the plan, each review's verdict and findings, the summary, files a
// read-only step changed (risk flags), and tokens and cost per step and model against the budget.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RiskFlag } from '../core/risk.js';
import { stepUsage } from '../core/step-usage.js';
import type { TraceEvent } from '../core/trace-schema.js';
import type { ReviewOutput, WorkflowEvidence } from '../core/workflow-lines.js';
import { plural } from '../core/format.js';

export type { WorkflowEvidence };

/** Text of a step output file, cut for display (the file itself is the full record). */
const MAX_TEXT = 64 * 1024;

export function workflowEvidence(taskDir: string, events: readonly TraceEvent[], budget: WorkflowEvidence['budget']): WorkflowEvidence {
  const reviews: ReviewOutput[] = [];
  const edits: WorkflowEvidence['edits'] = [];
  const exceeded: WorkflowEvidence['exceeded'] = [];
  for (const e of events) {
    if (e.type === 'budget.exceeded') exceeded.push({ limit: e.limit, reason: e.reason ?? `${e.limit} ${e.figure ?? '?'} > ${e.max ?? '?'}`, ...(e.max !== undefined ? { max: e.max } : {}), ...(e.figure !== undefined ? { figure: e.figure } : {}) });
    if (e.type !== 'step.output') continue;
    if (e.verdict !== undefined) reviews.push({ round: e.round, file: e.file, verdict: e.verdict, items: e.items ?? [] });
    if (e.edited && e.edited.length > 0) edits.push({ round: e.round, step: e.step ?? '?', paths: e.edited });
  }
  return {
    plan: readText(path.join(taskDir, 'plan.md')),
    summary: readText(path.join(taskDir, 'summary.md')),
    reviews,
    edits,
    steps: stepUsage(events),
    budget,
    exceeded,
  };
}

/** Risk flags from the workflow: a read-only step that changed files, a last review that did not approve. */
export function workflowRisks(w: WorkflowEvidence): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const e of w.edits) {
    const names = e.paths.slice(0, 5).join(', ') + (e.paths.length > 5 ? ', …' : '');
    flags.push({ kind: 'step-edit', detail: `the ${e.step} step (round ${e.round}) must change nothing but changed ${plural(e.paths.length, 'file')}: ${names}` });
  }
  const last = w.reviews.at(-1);
  if (last && last.verdict !== 'approve') {
    flags.push({ kind: 'reviewer', path: last.file, detail: last.verdict === null ? 'the review has no verdict line' : `the reviewer's verdict is ${last.verdict}${last.items.length > 0 ? ` (${last.items.length} findings)` : ''}` });
  }
  for (const x of w.exceeded) flags.push({ kind: 'budget', detail: `${x.limit}: ${x.reason}` });
  return flags;
}

function readText(file: string): string | null {
  try {
    const text = readFileSync(file, 'utf8');
    if (text.trim() === '') return null;
    return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}\n… (cut; the rest is in ${path.basename(file)})` : text;
  } catch {
    return null;
  }
}
