// The pull request's title and body, built from the review evidence (pure): what wtagents verified itself
// (checks it ran, risk flags, leftovers, the diff, cost) first, then the agent's own report, quoted and
// labelled as the agent's words, and where the full trace is.
import { checkEnd } from '../core/checks.js';
import { formatDuration, formatUsage, plural } from '../core/format.js';
import { cutToWidth } from '../core/diff-view.js';
import { stripControl } from '../core/terminal-text.js';
import type { Evidence } from './evidence.js';

/** GitHub refuses bodies over 65,536 characters; the agent's report is cut well before. */
const MAX_REPORT_CHARS = 6000;

export interface PrText {
  title: string;
  body: string;
}

function line(text: string, width = 200): string {
  return cutToWidth(stripControl(text).replace(/\s*\n\s*/g, ' '), width);
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  const t = line(text);
  const fence = t.includes('`') ? '``' : '`';
  return `${fence}${fence === '``' ? ' ' : ''}${t}${fence === '``' ? ' ' : ''}${fence}`;
}

export function prText(e: Evidence, opts: { text: string; tracePath: string }): PrText {
  const t = e.task;
  const out: string[] = [];
  const extra = stripControl(opts.text).trim();
  if (extra !== '' && extra !== t.title) out.push(extra, '');

  out.push('## What wtagents verified');
  const c = e.checks;
  if (c.results.length === 0) out.push('- Checks: none ran');
  else {
    const ok = c.results.filter((r) => r.exitCode === 0).length;
    out.push(`- Checks (round ${c.round ?? '?'}, run by wtagents in the worktree): **${ok}/${c.results.length} passed**`);
    for (const r of c.results) out.push(`  - ${r.exitCode === 0 ? '✅' : '❌'} ${code(r.cmd)} — ${checkEnd(r)}, ${formatDuration(r.durationMs)}`);
  }
  if (e.risks.length === 0) out.push('- Risk flags: none');
  else {
    out.push(`- Risk flags (${e.risks.length}):`);
    for (const r of e.risks.slice(0, 20)) out.push(`  - ⚠️ ${r.kind}${r.path ? ` ${code(`${r.path}${r.line !== undefined ? `:${r.line}` : ''}`)}` : ''}: ${line(r.detail)}`);
    if (e.risks.length > 20) out.push(`  - … ${e.risks.length - 20} more`);
  }
  if (e.leftovers && e.leftovers.length > 0) out.push(`- Not in this pull request: ${plural(e.leftovers.length, 'uncommitted or untracked file')} left in the task's worktree`);
  if (e.range) out.push(`- Diff: ${plural(e.totals.files, 'file')}, +${e.totals.added} −${e.totals.removed} (${code(e.range.label)}, ${e.range.tip.slice(0, 12)})`);
  out.push(`- Cost: ${formatUsage(e.usage)}; ${e.durationMs !== null ? formatDuration(e.durationMs) : 'duration unknown'}; ${plural(e.rounds, 'round')}`);

  out.push('', '## The agent’s own report (its words, not verified by wtagents)');
  if (e.report.source === 'none') out.push('', '_The agent left no report._');
  else {
    let text = stripControl(e.report.text).trim();
    if (text.length > MAX_REPORT_CHARS) text = `${text.slice(0, MAX_REPORT_CHARS)}\n… (cut; the full report is report.md in the task directory)`;
    out.push('', ...text.split('\n').map((l) => (l === '' ? '>' : `> ${l}`)));
    const rec = e.report.recommendation;
    if (rec) out.push('', `The agent recommends: **${line(rec.verdict)}** (its own words).`);
  }
  out.push('', '---', `wtagents task \`${t.id}\`, round ${t.round}. Full trace: ${code(opts.tracePath)}`);
  return { title: line(t.title, 250) || t.id, body: `${out.join('\n')}\n` };
}
