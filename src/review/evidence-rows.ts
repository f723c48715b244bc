// The evidence tab as screen rows (pure): the review's view-model (evidence-view.ts) drawn as rows of at most
// the width — a check marked ✓ or ✗, table cells joined by two spaces, prose and the agent's report wrapped.
import { charWidth, cutToWidth } from '../core/diff-view.js';
import { plural } from '../core/format.js';
import { stripControl } from '../core/terminal-text.js';
import type { Tone } from '../core/trace-format.js';
import type { Evidence } from './evidence.js';
import { reviewView, type ViewLine, type ViewWords } from './evidence-view.js';

export interface EvidenceRow {
  text: string;
  tone: Tone;
  bold?: boolean;
}

/** Report rows kept (the report can be any length; report.md holds all of it). */
const REPORT_MAX_ROWS = 400;

const SCREEN_WORDS: ViewWords = { comments: 'sent with the next request changes' };

/** One view line as text: its indent, a check's mark, the cells joined by two spaces. */
function lineText(l: ViewLine): string {
  return ' '.repeat(l.indent) + (l.mark ? `${l.mark === 'pass' ? '✓' : '✗'} ` : '') + l.cells.join('  ');
}

export function evidenceRows(e: Evidence, width: number, words: ViewWords = SCREEN_WORDS): EvidenceRow[] {
  const w = Math.max(1, width);
  const rows: EvidenceRow[] = [];
  for (const section of reviewView(e, words)) {
    if (section.gap) rows.push({ text: '', tone: 'normal' });
    for (const l of section.lines) {
      if (l.wrap !== undefined) {
        const body = l.cells.join('  ');
        for (const text of wrapText(body, w, ' '.repeat(l.indent)).slice(0, l.wrap)) rows.push({ text, tone: l.tone });
      } else rows.push({ text: cutToWidth(lineText(l), w), tone: l.tone, ...(l.bold ? { bold: true } : {}) });
    }
    if (!section.body) continue;
    const body: EvidenceRow[] = [];
    for (const line of section.body.text.replace(/\r\n?/g, '\n').split('\n')) {
      for (const text of wrapText(line, w, '  ')) body.push({ text, tone: 'normal' });
      if (body.length >= REPORT_MAX_ROWS) break;
    }
    rows.push(...body.slice(0, REPORT_MAX_ROWS));
    if (body.length >= REPORT_MAX_ROWS) rows.push({ text: cutToWidth(`  … (the rest is in ${section.body.source})`, w), tone: 'dim' });
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
