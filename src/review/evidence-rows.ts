// The evidence tab as screen rows (pure): what wtagents verified first — checks, risk flags, leftovers,
// usage — then the agent's report with its merge recommendation picked out. Every row fits the width;
// agent text is made safe (control sequences stripped) and long lines wrap.
import { charWidth, cutToWidth } from '../core/diff-view.js';
import { fileLabel } from '../core/diff-parse.js';
import { checkEnd } from '../core/checks.js';
import { formatDuration, formatUsage, plural } from '../core/format.js';
import type { Verdict } from '../core/report-parse.js';
import { singleLine, stripControl } from '../core/terminal-text.js';
import type { Tone } from '../core/trace-format.js';
import type { Evidence } from './evidence.js';
import { commentPlace } from '../core/line-comment.js';
import { workflowLines } from '../core/workflow-lines.js';

export interface EvidenceRow {
  text: string;
  tone: Tone;
  bold?: boolean;
}

/** Lines of a check's log tail shown, and report lines kept (the report can be any length). */
const LOG_TAIL_ROWS = 5;
const REPORT_MAX_ROWS = 400;

const VERDICT_TONE: Record<Verdict, Tone> = { merge: 'ok', 'request-changes': 'warn', abandon: 'error', unclear: 'warn' };

export function evidenceRows(e: Evidence, width: number): EvidenceRow[] {
  const w = Math.max(1, width);
  const rows: EvidenceRow[] = [];
  const add = (text: string, tone: Tone = 'normal', bold = false) => rows.push({ text: cutToWidth(stripControl(text).replace(/[\t\n\r\v\f]/g, ' '), w), tone, ...(bold ? { bold } : {}) });
  const wrapped = (text: string, indent: string, tone: Tone, max = Infinity) => {
    for (const line of wrapText(text, w, indent).slice(0, max)) rows.push({ text: line, tone });
  };

  const c = e.checks;
  if (c.results.length === 0) add(`Checks: none ran${c.error ? ` (${c.error})` : ''}`, c.error ? 'warn' : 'dim', true);
  else {
    const ok = c.results.filter((r) => r.exitCode === 0).length;
    add(`Checks (round ${c.round ?? '?'}): ${ok}/${c.results.length} passed`, ok === c.results.length ? 'ok' : 'error', true);
    for (const r of c.results) {
      const pass = r.exitCode === 0;
      add(`  ${pass ? '✓' : '✗'} ${singleLine(r.cmd)}  ${checkEnd(r)}  ${formatDuration(r.durationMs)}`, pass ? 'ok' : 'error');
      const tail = r.logTail.split('\n').filter((l) => l.trim() !== '').slice(-LOG_TAIL_ROWS);
      for (const l of tail) add(`      ${stripControl(l)}`, 'dim');
    }
  }

  if (e.sandbox) add(e.sandbox === 'bwrap' ? 'Sandbox: bwrap (the agent could write only its worktree)' : `Sandbox: ${e.sandbox}`, e.sandbox === 'bwrap' ? 'dim' : 'warn', true);
  if (!e.range && e.risks.length === 0) add('Risk flags: n/a (no branch to check)', 'dim', true);
  else if (e.risks.length === 0) add('Risk flags: none', 'ok', true);
  else {
    add(`Risk flags (${e.risks.length}):`, 'warn', true);
    for (const r of e.risks) add(`  ! ${r.kind}  ${r.path ?? ''}${r.line !== undefined ? `:${r.line}` : ''}  ${singleLine(r.detail)}`, 'warn');
  }

  if (e.leftovers === null) add('Leftovers: no worktree', 'dim', true);
  else if (e.leftovers.length === 0) add('Leftovers: none (everything is committed)', 'ok', true);
  else {
    add(`Leftovers (${e.leftovers.length} uncommitted or untracked, in ${e.task.worktree}):`, 'warn', true);
    for (const l of e.leftovers.slice(0, 50)) add(`  ${l.status}  ${singleLine(l.path)}`, 'warn');
    if (e.leftovers.length > 50) add(`  … ${e.leftovers.length - 50} more`, 'warn');
  }
  if (e.ignored && e.ignored.length > 0) {
    add(`Ignored files the task made (${e.ignored.length}; merge and abandon copy them into review/ignored/):`, 'warn', true);
    for (const f of e.ignored.slice(0, 50)) add(`  !!  ${singleLine(f)}`, 'warn');
    if (e.ignored.length > 50) add(`  … ${e.ignored.length - 50} more`, 'warn');
  }

  if (e.comments && e.comments.length > 0) {
    add(`Line comments (${e.comments.length}, sent with the next request changes; c on the line edits one):`, 'accent', true);
    for (const c of e.comments) {
      add(`  ${commentPlace(c)}`, 'accent');
      add(`      ${singleLine(c.code[c.at] ?? '')}`, 'dim');
      wrapped(c.text, '    ', 'normal', 5);
    }
  }

  const u = e.usage;
  const usage = formatUsage(u, ' · ');
  const duration = e.durationMs !== null ? formatDuration(e.durationMs) : 'duration unknown';
  add(`Usage: ${usage} · ${duration} · ${plural(e.rounds, 'round')}`, 'normal', true);
  if (e.decision) add(`Decision: ${e.decision.decision} → ${e.decision.outcome} at ${e.decision.at}`, 'accent', true);
  const flow = workflowLines(e.workflow);
  if (flow.length > 0) add('');
  for (const l of flow) {
    const body = l.text.trimStart();
    if (l.bold) add(body, l.tone, true);
    else wrapped(body, ' '.repeat(l.text.length - body.length), l.tone);
  }

  add('');
  const rec = e.report.recommendation;
  if (e.report.source === 'none') add('Report: none (no report.md and no final agent message)', 'dim', true);
  else {
    const from = e.report.source === 'report.md' ? 'report.md' : 'the agent’s last message';
    add(`Report (${from}) — the agent’s own words:`, 'accent', true);
    if (rec) wrapped(`Recommendation: ${rec.verdict}${rec.text ? ` — ${rec.text}` : ''}`, '  ', VERDICT_TONE[rec.verdict], 3);
    else add('  no merge recommendation found', 'warn');
    const lines = e.report.text.replace(/\r\n?/g, '\n').split('\n');
    const body: EvidenceRow[] = [];
    for (const line of lines) {
      for (const text of wrapText(line, w, '  ')) body.push({ text, tone: 'normal' });
      if (body.length >= REPORT_MAX_ROWS) break;
    }
    rows.push(...body.slice(0, REPORT_MAX_ROWS));
    if (body.length >= REPORT_MAX_ROWS) add(`  … (the rest is in ${e.report.source})`, 'dim');
  }

  if (e.files.length > 0) {
    add('');
    add(`Files (${e.files.length}):`, 'normal', true);
    for (const f of e.files.slice(0, 200)) add(`  ${f.status}  ${f.binary ? 'bin' : `+${f.added} −${f.removed}`}  ${singleLine(fileLabel(f))}`, 'dim');
    if (e.files.length > 200) add(`  … ${e.files.length - 200} more`, 'dim');
  }
  return rows;
}

/** One line for the status row: checks, risk flags, leftovers and the agent's verdict at a glance. */
export function evidenceSummary(e: Evidence): string {
  const parts: string[] = [];
  const c = e.checks.results;
  parts.push(c.length === 0 ? 'no checks ran' : `checks ${c.filter((r) => r.exitCode === 0).length}/${c.length} passed`);
  if (e.range) parts.push(e.risks.length === 0 ? 'no risk flags' : plural(e.risks.length, 'risk flag'));
  if (e.leftovers && e.leftovers.length > 0) parts.push(`${e.leftovers.length} uncommitted`);
  const rec = e.report.recommendation;
  parts.push(rec ? `agent recommends ${rec.verdict}` : e.report.source === 'none' ? 'no report' : 'no recommendation');
  return parts.join(' · ');
}


/**
 * `text` made safe and wrapped to rows of at most `width` columns, each starting with `indent`
 * (breaking after the last space that fits; a longer word is cut). An empty line stays one empty row.
 */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const clean = stripControl(text).replace(/\t/g, '    ').replace(/\n/g, ' ');
  const room = Math.max(1, width - indent.length);
  const chars = [...clean];
  if (chars.length === 0) return [indent.slice(0, width)];
  const out: string[] = [];
  let i = 0;
  while (i < chars.length) {
    let col = 0;
    let j = i;
    while (j < chars.length && col + charWidth(chars[j]!.codePointAt(0)!) <= room) col += charWidth(chars[j++]!.codePointAt(0)!);
    if (j === i) j = i + 1; // a character wider than the room: give it a row of its own
    if (j < chars.length) {
      const space = chars.lastIndexOf(' ', j);
      if (space > i) j = space + 1;
    }
    out.push(cutToWidth(indent + chars.slice(i, j).join('').trimEnd(), width));
    i = j;
  }
  return out;
}
