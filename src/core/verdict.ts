// The review step's verdict read back from review-NN.md: `Verdict: approve | request-changes | abandon`
// and the concrete items under `## Findings` (the fix step's work list). Pure; tolerant of markdown dressing.

export const REVIEW_VERDICTS = ['approve', 'request-changes', 'abandon'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

export interface ParsedVerdict {
  /** null when no verdict line was found: the run treats it as "no verdict" (never as approve). */
  verdict: ReviewVerdict | null;
  /** The findings, one per list item (empty when none were listed). */
  items: string[];
}

/** The most items a verdict keeps (a runaway reviewer cannot make an endless fix packet). */
export const MAX_FINDINGS = 50;

const VERDICT_LINE = /^[\s>*_#-]*verdict[\s*_]*[:—–-][\s*_`]*([a-z -]+?)[\s*_`.!]*$/i;
const FINDINGS_HEADING = /^\s{0,3}(?:#{1,6}\s+|\*\*|__)?\s*(?:findings|requested changes|changes requested|items)\b/i;
const HEADING = /^\s{0,3}(?:#{1,6}\s+\S|(?:\*\*|__)[^*_]+(?:\*\*|__)\s*:?\s*$)/;
const ITEM = /^\s{0,6}(?:[-*+]|\d{1,3}[.)])\s+(.*)$/;

/** Map a verdict word as reviewers write it to one of the three verdicts. */
export function verdictWord(word: string): ReviewVerdict | null {
  const w = word.toLowerCase().replace(/[\s_]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  if (w === 'approve' || w === 'approved' || w === 'lgtm' || w === 'accept') return 'approve';
  if (w === 'request-changes' || w === 'changes-requested' || w === 'request-change' || w === 'needs-changes') return 'request-changes';
  if (w === 'abandon' || w === 'reject' || w === 'rejected') return 'abandon';
  return null;
}

export function parseVerdict(text: string): ParsedVerdict {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let verdict: ReviewVerdict | null = null;
  for (const line of lines) {
    const m = VERDICT_LINE.exec(line);
    if (!m) continue;
    const v = verdictWord(m[1]!);
    if (v) {
      verdict = v; // the last verdict line wins: a reviewer may restate its conclusion at the end
    }
  }
  const items: string[] = [];
  let inFindings = false;
  for (const line of lines) {
    if (FINDINGS_HEADING.test(line.replace(/^\s*#+\s*/, '## ')) && !ITEM.test(line)) {
      inFindings = true;
      continue;
    }
    if (inFindings && HEADING.test(line)) {
      inFindings = false;
      continue;
    }
    if (!inFindings) continue;
    const item = ITEM.exec(line);
    if (item) {
      const body = item[1]!.trim();
      if (body !== '' && !/^none\.?$/i.test(body)) items.push(body);
    } else if (items.length > 0 && /^\s{2,}\S/.test(line)) {
      items[items.length - 1] = `${items.at(-1)!} ${line.trim()}`; // a continued item
    }
  }
  return { verdict, items: items.slice(0, MAX_FINDINGS) };
}

/** The form the review packet asks for (and that parseVerdict reads). */
export const VERDICT_FORM = [
  'Verdict: approve | request-changes | abandon',
  '',
  '## Findings',
  '',
  '1. <file:line> what is wrong and what the fix must do (one concrete item per line; "none" when approving)',
  '',
  '## Notes',
  '',
  'Anything else the human should know (risks you could not verify, tests you would add).',
].join('\n');
