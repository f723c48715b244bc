// The evidence as plain text: what `wtagents review <id>` prints. The sections are the review's one
// view-model (evidence-view.ts); this renderer adds the task's heading and how to decide, aligns each run of
// table rows, marks checks ok or FAIL, and leaves the agent's full report in its file.
import { plural, formatTable } from '../core/format.js';
import { cutToWidth } from '../core/diff-view.js';
import { singleLine, stripControl } from '../core/terminal-text.js';
import type { Evidence } from './evidence.js';
import { reviewView, type ViewLine } from './evidence-view.js';

/** Columns a cell of untrusted text may take in the summary. */
const CELL_MAX = 200;

export function formatEvidence(e: Evidence): string {
  const t = e.task;
  const out: string[] = [`Task ${t.id} · ${t.state} · round ${t.round}`, `  ${cutToWidth(singleLine(t.title), CELL_MAX)}`];
  if (e.range) {
    out.push(`  ${e.range.label} (${e.range.from.slice(0, 12)}..${e.range.tip.slice(0, 12)}) · ${plural(e.totals.files, 'file')}, +${e.totals.added} −${e.totals.removed}`);
  } else {
    out.push(`  branch ${t.branch}: not there any more${e.decision ? ` (${e.decision.outcome})` : ''}`);
  }
  out.push('');
  const words = { comments: 'sent with the next --request-changes', moreFiles: `wtagents review ${t.id} --stat` };
  for (const section of reviewView(e, words)) {
    if (section.gap) out.push('');
    out.push(...textLines(section.lines));
  }
  if (e.range) out.push('', `Decide: wtagents review ${t.id} --merge | --request-changes TEXT | --abandon`);
  // Every field (ids, branches, paths, titles come from files an agent could have edited) shown safely.
  return stripControl(out.join('\n'));
}

/** Lines of text: runs of rows with several cells (or a check's mark) aligned as one table. */
function textLines(lines: readonly ViewLine[]): string[] {
  const out: string[] = [];
  let table: string[][] = [];
  const flush = () => {
    if (table.length > 0) out.push(...formatTable(table).split('\n'));
    table = [];
  };
  for (const l of lines) {
    const cells = l.cells.map((c) => cutToWidth(c, CELL_MAX));
    if (l.mark) cells.unshift(l.mark === 'pass' ? 'ok' : 'FAIL');
    if (cells.length < 2) {
      flush();
      out.push(' '.repeat(l.indent) + (cells[0] ?? ''));
      continue;
    }
    cells[0] = ' '.repeat(l.indent) + cells[0];
    table.push(cells);
  }
  flush();
  return out;
}
