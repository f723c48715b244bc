// Risk flags for what the agent said against what happened (pure): tool calls its CLI or sandbox denied,
// and commits its report claims that git does not show on the task branch.
import { plural } from './format.js';

/** A risk flag of the kinds made here (the same shape as risk.ts's RiskFlag, without importing it back). */
export interface RiskFlag {
  kind: 'denied' | 'unverified-commit';
  detail: string;
}

/** A denied tool call as the trace records it (`agent.denied`). */
export interface DeniedCall {
  tool: string;
  target?: string | undefined;
  reason: string;
}

/** What git said about the report's commit claims (src/review/claims.ts asks it). */
export interface ClaimCheck {
  /** The report says the work was committed. */
  saysCommitted: boolean;
  /** Commits on the branch beyond its base. */
  commitsAhead: number;
  /** Commit ids the report names that are not on the branch (absent, or not an ancestor of its tip). */
  missing: string[];
  branch: string;
}

/** One flag for all denied calls: `2 tool calls denied: Bash git commit -m x (requires approval); …`. */
export function deniedFlag(denials: readonly DeniedCall[]): RiskFlag | null {
  if (denials.length === 0) return null;
  const shown = denials.slice(0, 3).map((d) => `${d.tool}${d.target ? ` ${cut(d.target, 60)}` : ''} (${cut(d.reason, 80)})`);
  const more = denials.length > 3 ? `; … ${denials.length - 3} more` : '';
  return { kind: 'denied', detail: `${plural(denials.length, 'tool call')} denied: ${shown.join('; ')}${more}` };
}

export function claimFlags(c: ClaimCheck): RiskFlag[] {
  const flags: RiskFlag[] = [];
  if (c.saysCommitted && c.commitsAhead === 0) {
    flags.push({ kind: 'unverified-commit', detail: `the report says the work was committed, but ${c.branch} has no commit beyond its base` });
  }
  for (const sha of c.missing.slice(0, 5)) {
    flags.push({ kind: 'unverified-commit', detail: `the report names commit ${sha}, which is not on ${c.branch}` });
  }
  return flags;
}

/** What a report claims about commits: that it committed, and the commit ids it names. */
export interface CommitClaims {
  saysCommitted: boolean;
  shas: string[];
}

const COMMITTED = /\bcommitted\b|\b(?:created|made|added|recorded)\s+(?:a|the|one|two|\d+|new)?\s*(?:new\s+)?commits?\b|\bcommits?\s+(?:created|made)\b/i;
const NEGATED = /\b(?:not|never|no|nothing|unable|failed|cannot|without)\b|n['’]t\b|\buncommitted\b/i;
const COMMIT_WORD = /\bcommit/i;
/** A commit id: 7 to 40 hex digits with at least one digit and one letter (not a word, not a number). */
const HEX = /(?<![0-9A-Za-z])[0-9a-f]{7,40}(?![0-9A-Za-z])/g;

/**
 * Read a report's commit claims. "Committed" counts in a sentence that does not deny it ("could not commit",
 * "nothing committed", "uncommitted"); commit ids count on a line that speaks of a commit.
 */
export function commitClaims(report: string): CommitClaims {
  const text = report.length > 256 * 1024 ? report.slice(-256 * 1024) : report;
  let saysCommitted = false;
  for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
    if (COMMITTED.test(sentence) && !NEGATED.test(sentence)) saysCommitted = true;
  }
  const shas = new Set<string>();
  for (const line of text.split('\n')) {
    if (!COMMIT_WORD.test(line)) continue;
    for (const m of line.matchAll(HEX)) {
      const hex = m[0];
      if (/[0-9]/.test(hex) && /[a-f]/.test(hex)) shas.add(hex);
      if (shas.size >= 20) break;
    }
  }
  return { saysCommitted, shas: [...shas] };
}

function cut(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
