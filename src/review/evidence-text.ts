// The evidence as plain text lines: what `wtagents review <id>` prints, and what the screen's evidence tab can show.
import { fileLabel } from '../core/diff-parse.js';
import { checkEnd } from '../core/checks.js';
import { formatDuration, formatTable, formatUsage, plural } from '../core/format.js';
import { cutToWidth } from '../core/diff-view.js';
import { singleLine, stripControl } from '../core/terminal-text.js';
import type { Evidence } from './evidence.js';
import { commentPlace } from '../core/line-comment.js';
import { workflowLines } from '../core/workflow-lines.js';

const MAX_FILES = 50;

export function formatEvidence(e: Evidence): string {
  const out: string[] = [];
  const t = e.task;
  out.push(`Task ${t.id} · ${t.state} · round ${t.round}`);
  out.push(`  ${clipLine(t.title)}`);
  if (e.range) {
    out.push(`  ${e.range.label} (${e.range.from.slice(0, 12)}..${e.range.tip.slice(0, 12)}) · ${plural(e.totals.files, 'file')}, +${e.totals.added} −${e.totals.removed}`);
  } else {
    out.push(`  branch ${t.branch}: not there any more${e.decision ? ` (${e.decision.outcome})` : ''}`);
  }
  out.push('');

  const c = e.checks;
  if (c.results.length === 0) out.push(`Checks: none ran${c.error ? ` (${c.error})` : ''}`);
  else {
    const ok = c.results.filter((r) => r.exitCode === 0).length;
    out.push(`Checks (round ${c.round ?? '?'}, ${c.source}): ${ok}/${c.results.length} passed`);
    for (const r of c.results) {
      out.push(`  ${r.exitCode === 0 ? 'ok  ' : 'FAIL'}  ${clipLine(r.cmd)}  ${checkEnd(r)}  ${formatDuration(r.durationMs)}`);
      if (r.exitCode !== 0) for (const l of tail(r.logTail, 5)) out.push(`        ${l}`);
    }
  }

  const rec = e.report.recommendation;
  if (e.report.source === 'none') out.push('Report: none (no report.md and no final agent message)');
  else out.push(`Report (${e.report.source}): ${rec ? `recommends ${rec.verdict}${rec.text ? ` — "${clipLine(rec.text)}"` : ''}` : 'no merge recommendation found'}`);

  if (e.sandbox) out.push(e.sandbox === 'bwrap' ? 'Sandbox: bwrap (the agent could write only its worktree)' : `Sandbox: ${e.sandbox}`);
  if (!e.range && e.risks.length === 0) out.push('Risk flags: n/a (no branch to check)');
  else if (e.risks.length === 0) out.push('Risk flags: none');
  else {
    out.push(`Risk flags (${e.risks.length}):`);
    const rows = e.risks.map((r) => ['  !', r.kind, clipLine(`${r.path ?? ''}${r.line !== undefined ? `:${r.line}` : ''}`), clipLine(r.detail)]);
    out.push(formatTable(rows));
  }

  if (e.leftovers === null) out.push('Leftovers: no worktree');
  else if (e.leftovers.length === 0) out.push('Leftovers: none (everything is committed)');
  else {
    out.push(`Leftovers (${e.leftovers.length} uncommitted or untracked):`);
    for (const l of e.leftovers.slice(0, 20)) out.push(`  ${l.status}  ${clipLine(l.path)}`);
    if (e.leftovers.length > 20) out.push(`  … ${e.leftovers.length - 20} more`);
  }
  if (e.ignored && e.ignored.length > 0) {
    out.push(`Ignored files the task made (${e.ignored.length}; merge and abandon copy them into review/ignored/):`);
    for (const f of e.ignored.slice(0, 20)) out.push(`  !!  ${clipLine(f)}`);
    if (e.ignored.length > 20) out.push(`  … ${e.ignored.length - 20} more`);
  }

  if (e.comments && e.comments.length > 0) {
    out.push(`Line comments (${e.comments.length}, sent with the next --request-changes):`);
    for (const c of e.comments) out.push(`  ${clipLine(commentPlace(c))}  ${clipLine(c.text)}`, `      ${clipLine(c.code[c.at] ?? '')}`);
  }

  const u = e.usage;
  const usage = formatUsage(u);
  out.push(`Usage: ${usage}, ${e.durationMs !== null ? formatDuration(e.durationMs) : 'duration unknown'}, ${plural(e.rounds, 'round')}`);
  if (e.decision) out.push(`Decision: ${e.decision.decision} → ${e.decision.outcome} at ${e.decision.at}${e.decision.patch ? ` (work kept in ${e.decision.patch})` : ''}`);
  const flow = workflowLines(e.workflow);
  if (flow.length > 0) out.push('', ...flow.map((l) => stripControl(l.text)));

  if (e.files.length > 0) {
    out.push('', 'Files:');
    const rows = e.files.slice(0, MAX_FILES).map((f) => ['  ' + f.status, f.binary ? 'bin' : `+${f.added}`, f.binary ? '' : `−${f.removed}`, clipLine(fileLabel(f))]);
    out.push(formatTable(rows));
    if (e.files.length > MAX_FILES) out.push(`  … ${e.files.length - MAX_FILES} more (wtagents review ${t.id} --stat)`);
  }
  if (e.range) out.push('', `Decide: wtagents review ${t.id} --merge | --request-changes TEXT | --abandon`);
  // Every field (ids, branches, paths, titles come from files an agent could have edited) shown safely.
  return stripControl(out.join('\n'));
}


/** One line of untrusted text: control characters removed, cut to 200 columns. */
function clipLine(text: string): string {
  return cutToWidth(singleLine(text), 200);
}

function tail(text: string, n: number): string[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-n)
    .map((l) => cutToWidth(l, 160));
}
