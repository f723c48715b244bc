// The review's one view-model (pure): the evidence as sections — checks, sandbox, risk flags, leftovers,
// ignored files, line comments, usage and decision, the workflow, the agent's report, the files — each built
// here once, with one set of limits. Two renderers draw it: evidence-text.ts (the CLI's plain text) and
// evidence-rows.ts (the review screen's rows). Every cell is made safe here (control sequences stripped, one line).
import { checkEnd } from '../core/checks.js';
import { fileLabel } from '../core/diff-parse.js';
import { formatDuration, formatUsage, plural } from '../core/format.js';
import { commentPlace } from '../core/line-comment.js';
import type { Verdict } from '../core/report-parse.js';
import { singleLine } from '../core/terminal-text.js';
import type { Tone } from '../core/trace-format.js';
import { workflowLines } from '../core/workflow-lines.js';
import type { Evidence } from './evidence.js';

export interface ViewLine {
  /** The row's columns: the CLI aligns a run of rows with several cells as a table, the screen joins them with two spaces. */
  cells: string[];
  tone: Tone;
  /** Spaces before the row. */
  indent: number;
  /** A section's head (drawn bold on the screen). */
  bold?: boolean;
  /** A check's result: the screen marks it ✓ or ✗, the text ok or FAIL. */
  mark?: 'pass' | 'fail';
  /** Prose: the screen wraps it to at most this many rows instead of cutting it at the edge. */
  wrap?: number;
}

export interface ViewSection {
  id: 'checks' | 'sandbox' | 'risks' | 'leftovers' | 'ignored' | 'comments' | 'usage' | 'decision' | 'workflow' | 'report' | 'files';
  lines: ViewLine[];
  /** A blank row before the section. */
  gap?: boolean;
  /** The agent's report in full: the screen shows it (up to its row limit); the CLI's summary leaves it in the file. */
  body?: { text: string; source: string };
}

/** The words that differ by where the review is read: how comments are sent, where the rest of the files is. */
export interface ViewWords {
  comments: string;
  moreFiles?: string;
}

/** Items of a list shown (leftovers, ignored files, changed files), and lines of a failed check's log tail. */
export const LIST_MAX = 50;
export const LOG_TAIL_LINES = 5;

const VERDICT_TONE: Record<Verdict, Tone> = { merge: 'ok', 'request-changes': 'warn', abandon: 'error', unclear: 'warn' };

/** Untrusted text as one safe cell. */
const safe = (text: string) => singleLine(text).replace(/[\t\v\f\r]/g, ' ');

const line = (text: string | string[], tone: Tone = 'normal', indent = 0, more: Partial<ViewLine> = {}): ViewLine => ({
  cells: (Array.isArray(text) ? text : [text]).map(safe),
  tone,
  indent,
  ...more,
});
const head = (text: string, tone: Tone = 'normal') => line(text, tone, 0, { bold: true });

/** Up to LIST_MAX rows of `items`, then `… N more` (and where the rest is). */
function list<T>(items: readonly T[], row: (item: T) => ViewLine, tone: Tone, where = ''): ViewLine[] {
  const out = items.slice(0, LIST_MAX).map(row);
  if (items.length > LIST_MAX) out.push(line(`… ${items.length - LIST_MAX} more${where}`, tone, 2));
  return out;
}

export function reviewView(e: Evidence, words: ViewWords): ViewSection[] {
  const out: ViewSection[] = [];
  const c = e.checks;
  if (c.results.length === 0) out.push({ id: 'checks', lines: [head(`Checks: none ran${c.error ? ` (${c.error})` : ''}`, c.error ? 'warn' : 'dim')] });
  else {
    const ok = c.results.filter((r) => r.exitCode === 0).length;
    const lines = [head(`Checks (round ${c.round ?? '?'}, ${c.source}): ${ok}/${c.results.length} passed`, ok === c.results.length ? 'ok' : 'error')];
    for (const r of c.results) {
      const pass = r.exitCode === 0;
      lines.push(line([r.cmd, checkEnd(r), formatDuration(r.durationMs)], pass ? 'ok' : 'error', 2, { mark: pass ? 'pass' : 'fail' }));
      if (pass) continue;
      for (const l of r.logTail.split('\n').filter((t) => t.trim() !== '').slice(-LOG_TAIL_LINES)) lines.push(line(l, 'dim', 6));
    }
    out.push({ id: 'checks', lines });
  }

  if (e.sandbox) out.push({ id: 'sandbox', lines: [e.sandbox === 'bwrap' ? head('Sandbox: bwrap (the agent could write only its worktree)', 'dim') : head(`Sandbox: ${e.sandbox}`, 'warn')] });

  if (!e.range && e.risks.length === 0) out.push({ id: 'risks', lines: [head('Risk flags: n/a (no branch to check)', 'dim')] });
  else if (e.risks.length === 0) out.push({ id: 'risks', lines: [head('Risk flags: none', 'ok')] });
  else {
    const rows = e.risks.map((r) => line([`! ${r.kind}`, `${r.path ?? ''}${r.line !== undefined ? `:${r.line}` : ''}`, r.detail], 'warn', 2));
    out.push({ id: 'risks', lines: [head(`Risk flags (${e.risks.length}):`, 'warn'), ...rows] });
  }

  if (e.leftovers === null) out.push({ id: 'leftovers', lines: [head('Leftovers: no worktree', 'dim')] });
  else if (e.leftovers.length === 0) out.push({ id: 'leftovers', lines: [head('Leftovers: none (everything is committed)', 'ok')] });
  else {
    const title = head(`Leftovers (${e.leftovers.length} uncommitted or untracked, in ${e.task.worktree}):`, 'warn');
    out.push({ id: 'leftovers', lines: [title, ...list(e.leftovers, (l) => line([l.status, l.path], 'warn', 2), 'warn')] });
  }
  if (e.ignored && e.ignored.length > 0) {
    const title = head(`Ignored files the task made (${e.ignored.length}; merge and abandon copy them into review/ignored/):`, 'warn');
    out.push({ id: 'ignored', lines: [title, ...list(e.ignored, (f) => line(['!!', f], 'warn', 2), 'warn')] });
  }

  if (e.comments && e.comments.length > 0) {
    const lines = [head(`Line comments (${e.comments.length}, ${words.comments}):`, 'accent')];
    for (const m of e.comments) lines.push(line(commentPlace(m), 'accent', 2), line(m.code[m.at] ?? '', 'dim', 6), line(m.text, 'normal', 4, { wrap: 5 }));
    out.push({ id: 'comments', lines });
  }

  const duration = e.durationMs !== null ? formatDuration(e.durationMs) : 'duration unknown';
  out.push({ id: 'usage', lines: [head(`Usage: ${formatUsage(e.usage, ' · ')} · ${duration} · ${plural(e.rounds, 'round')}`)] });
  const d = e.decision;
  if (d) out.push({ id: 'decision', lines: [head(`Decision: ${d.decision} → ${d.outcome} at ${d.at}${d.patch ? ` (work kept in ${d.patch})` : ''}`, 'accent')] });

  const flow = workflowLines(e.workflow).map((l) => {
    const text = l.text.trimStart();
    return l.bold ? head(text, l.tone) : line(text, l.tone, l.text.length - text.length, { wrap: Infinity });
  });
  if (flow.length > 0) out.push({ id: 'workflow', lines: flow, gap: true });

  const rec = e.report.recommendation;
  if (e.report.source === 'none') out.push({ id: 'report', lines: [head('Report: none (no report.md and no final agent message)', 'dim')], gap: true });
  else {
    const from = e.report.source === 'report.md' ? 'report.md' : 'the agent’s last message';
    const verdict = rec ? line(`Recommendation: ${rec.verdict}${rec.text ? ` — ${rec.text}` : ''}`, VERDICT_TONE[rec.verdict], 2, { wrap: 3 }) : line('no merge recommendation found', 'warn', 2);
    out.push({ id: 'report', lines: [head(`Report (${from}) — the agent’s own words:`, 'accent'), verdict], gap: true, body: { text: e.report.text, source: e.report.source } });
  }

  if (e.files.length > 0) {
    const rows = list(e.files, (f) => line([f.status, f.binary ? 'bin' : `+${f.added} −${f.removed}`, fileLabel(f)], 'dim', 2), 'dim', words.moreFiles ? ` (${words.moreFiles})` : '');
    out.push({ id: 'files', lines: [head(`Files (${e.files.length}):`), ...rows], gap: true });
  }
  return out;
}
