// The agent's report read back: its sections (REPORT_SECTIONS of the packet) and its merge recommendation.
import { REPORT_SECTIONS } from './packet.js';

export type ReportSection = (typeof REPORT_SECTIONS)[number];
export type Verdict = 'merge' | 'request-changes' | 'abandon' | 'unclear';

export interface Recommendation {
  verdict: Verdict;
  /** The recommendation's own words (first non-empty line, at most 300 characters). */
  text: string;
}

export interface ParsedReport {
  sections: Partial<Record<ReportSection, string>>;
  recommendation: Recommendation | null;
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
const NAMES = REPORT_SECTIONS.map((name) => ({ name, key: norm(name) }));

/**
 * A section heading in any of the forms agents write: `## Merge recommendation`, `6. **Merge
 * recommendation**: merge`, `**Files touched**`, `Risks and assumptions:`. Returns the section and
 * whatever follows the heading on the same line. A plain line only counts when the name stands alone
 * or is followed by a colon ("Summary of changes is short" is prose, not a heading).
 */
export function matchHeading(line: string): { section: ReportSection; rest: string } | null {
  const m = /^\s{0,3}(#{1,6}\s+)?((?:[-*+]|\d{1,2}[.)])\s+)?(\*\*|__)?(.*)$/.exec(line);
  if (!m) return null;
  const marked = m[1] !== undefined || m[2] !== undefined || m[3] !== undefined;
  const body = m[4]!;
  const lower = body.toLowerCase();
  for (const { name, key } of NAMES) {
    const end = matchWords(lower, key);
    if (end < 0) continue;
    const after = body.slice(end);
    if (after !== '' && !/^[\s*_:—–-]/.test(after)) continue; // "Files touchedness"
    const tail = /^\s*(\*\*|__)?\s*([:—–-])?\s*(\*\*|__)?\s*(.*)$/.exec(after)!;
    const rest = (tail[4] ?? '').replace(/\s*(\*\*|__)\s*$/, '').trim();
    const colon = tail[2] === ':';
    if (!marked && !colon && rest !== '') continue;
    if (m[3] !== undefined && tail[1] === undefined && !colon && rest !== '') continue; // "**Files touched were many**"
    return { section: name, rest };
  }
  return null;
}

/** Where the words of `key` end at the start of `text` (whitespace runs match one space), or -1. */
function matchWords(text: string, key: string): number {
  let i = 0;
  let k = 0;
  while (k < key.length) {
    if (i >= text.length) return -1;
    if (key[k] === ' ') {
      if (!/\s/.test(text[i]!)) return -1;
      while (i < text.length && /\s/.test(text[i]!)) i++;
      k++;
      continue;
    }
    if (text[i] !== key[k]) return -1;
    i++;
    k++;
  }
  return i;
}

export function parseReport(text: string): ParsedReport {
  const sections: Partial<Record<ReportSection, string[]>> = {};
  let current: ReportSection | null = null;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const h = matchHeading(line);
    if (h) {
      current = h.section;
      sections[current] = h.rest === '' ? [] : [h.rest];
      continue;
    }
    if (current) sections[current]!.push(line);
  }
  const out: Partial<Record<ReportSection, string>> = {};
  for (const [k, lines] of Object.entries(sections) as [ReportSection, string[]][]) out[k] = lines.join('\n').trim();
  const recSection = out['Merge recommendation'];
  let recommendation: Recommendation | null = null;
  if (recSection !== undefined && recSection !== '') recommendation = recommend(recSection);
  else {
    const line = text.split('\n').find((l) => /\brecommend/i.test(l));
    if (line) recommendation = recommend(line);
  }
  return { sections: out, recommendation };
}

const VERDICTS: { verdict: Verdict; re: RegExp }[] = [
  { verdict: 'unclear', re: /\b(?:do not|don't|not|cannot|can't|shouldn't|should not|never)\s+(?:yet\s+)?(?:be\s+)?merg/i },
  { verdict: 'request-changes', re: /\brequest(?:ing|s|ed)?[ -]changes?\b|\bchanges[ -]requested\b|\bneeds? (?:more )?(?:work|changes|fixes)\b/i },
  { verdict: 'abandon', re: /\babandon/i },
  { verdict: 'merge', re: /\bmerg(?:e|ing|eable)\b/i },
];

/** The verdict whose words come first in `text` (a negated "merge" makes it unclear). */
export function recommend(text: string): Recommendation {
  const first =
    text
      .split('\n')
      .map((l) => l.replace(/(\*\*|__|`)(.*?)\1/g, '$2').replace(/^[\s>*_`#-]+|[\s*_`]+$/g, ''))
      .find((l) => l !== '') ?? '';
  let best: { verdict: Verdict; at: number } | null = null;
  for (const v of VERDICTS) {
    const m = v.re.exec(text);
    if (m && (best === null || m.index < best.at)) best = { verdict: v.verdict, at: m.index };
  }
  return { verdict: best?.verdict ?? 'unclear', text: first.length > 300 ? `${first.slice(0, 299)}…` : first };
}
