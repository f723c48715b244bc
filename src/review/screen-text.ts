// The review's decision words, written once (pure): the question each decision asks before it acts (the
// screen's status row, the CLI's y/N line), and the one line it leaves on the dashboard afterwards. Key names come from the key table, so overrides show as they are.
import { MERGE_STRATEGIES, type MergeStrategy } from '../core/decision.js';
import type { AbandonResult, MergeTaskResult, RequestChangesResult } from './decisions.js';
import { plural } from '../core/format.js';
import type { PullRequestResult } from './pull-request.js';

/**
 * A prompt waiting for an answer: a decision waiting for its `y` (merge, merge after committing or dropping
 * the worktree's leftovers, abandon, abandon and delete the branch), the feedback text of request changes,
 * or `leftovers`: the choice offered when a merge was refused for uncommitted files.
 */
export type PendingDecision = 'merge' | 'merge-commit' | 'merge-drop' | 'request-changes' | 'abandon' | 'abandon-delete' | 'leftovers' | 'pr' | 'pr-draft' | 'comment';

export interface PromptTask {
  id: string;
  base: string;
  branch: string;
  round: number;
}

/** The keys a prompt or outcome names, from the key table (keyHint), so a rebinding is right in the text. */
export interface PromptKeys {
  yes: string;
  /** review.request: named after a merge conflict. */
  request: string;
  commitLeftovers: string;
  dropLeftovers: string;
  deleteBranch: string;
  /** In the merge question: switch the strategy (merge → squash → rebase), and write the message in $EDITOR. */
  strategy?: string;
  editMessage?: string;
  /** prompt.submit and prompt.cancel: what sends a text box and what leaves it. */
  submit: string;
  cancel: string;
}

/** How each merge strategy is named in questions and outcomes. */
export const STRATEGY_WORDS: Record<MergeStrategy, string> = { merge: '--no-ff', squash: 'squash', rebase: 'rebase, then fast-forward' };

/** The strategy after `s` in the merge question's cycle. */
export function nextStrategy(s: MergeStrategy): MergeStrategy {
  return MERGE_STRATEGIES[(MERGE_STRATEGIES.indexOf(s) + 1) % MERGE_STRATEGIES.length]!;
}

function files(n: number): string {
  return plural(n, 'uncommitted or untracked file');
}

function names(paths: readonly string[]): string {
  return paths.slice(0, 3).join(', ') + (paths.length > 3 ? ', …' : '');
}

export interface Prompt {
  /** What is asked (the status row). */
  question: string;
  /** The keys that answer it (the footer row while it waits). */
  keys: string;
}

/** What a decision's question needs besides the task. */
export interface QuestionOpts {
  squash?: boolean;
  strategy?: MergeStrategy;
  /** The merge message was written by hand ($EDITOR). */
  edited?: boolean;
  /** The commit the merge takes (the CLI names the tip it reviewed). */
  tip?: string;
  leftovers?: readonly string[];
}

/** The question a decision asks before it acts: the screen's status row and the CLI's y/N line. */
export function decisionQuestion(d: 'merge' | 'merge-commit' | 'merge-drop' | 'abandon' | 'abandon-delete' | 'pr' | 'pr-draft' | 'request-changes', t: PromptTask, opts: QuestionOpts = {}): string {
  const n = opts.leftovers?.length ?? 0;
  switch (d) {
    case 'merge': {
      const strategy = opts.strategy ?? (opts.squash ? 'squash' : 'merge');
      const message = strategy === 'rebase' ? ' (the commits keep their own messages)' : opts.edited ? ' with your message' : '';
      return `Merge ${t.branch}${opts.tip ? ` (${opts.tip.slice(0, 12)})` : ''} into ${t.base} (${STRATEGY_WORDS[strategy]})${message}, then remove its worktree and delete the branch?`;
    }
    case 'merge-commit':
      return `Commit the ${files(n)} to ${t.branch}, then merge it into ${t.base}?`;
    case 'merge-drop':
      return `Drop the ${files(n)} (a patch of them is kept in review/), then merge ${t.branch} into ${t.base}?`;
    case 'abandon':
      return `Abandon ${t.id}: keep its work as a patch in review/, remove its worktree, keep ${t.branch}?`;
    case 'abandon-delete':
      return `Abandon ${t.id} and delete its branch ${t.branch} (the work is kept as a patch in review/)?`;
    case 'request-changes':
      return `Request changes on ${t.id} and start round ${t.round + 1}?`;
    case 'pr':
    case 'pr-draft':
      return `Push ${t.branch} and open a${d === 'pr-draft' ? ' draft' : ''} pull request into ${t.base} (its body from the evidence)?`;
  }
}

/** The question `d` asks before it acts, and the keys that answer it. */
export function promptText(
  d: PendingDecision,
  t: PromptTask,
  k: PromptKeys,
  opts: { squash: boolean; strategy?: MergeStrategy; edited?: boolean; leftovers: readonly string[]; commentPlace?: string; comments?: number },
): Prompt {
  const yes = `${k.yes} yes  any other key no`;
  switch (d) {
    case 'merge': {
      const strategy = opts.strategy ?? (opts.squash ? 'squash' : 'merge');
      const choose = [
        k.strategy ? `${k.strategy} ${nextStrategy(strategy)} instead` : '',
        k.editMessage && strategy !== 'rebase' ? `${k.editMessage} edit the message` : '',
      ].filter((x) => x !== '');
      return { question: decisionQuestion(d, t, opts), keys: [`${k.yes} yes`, ...choose, 'any other key no'].join('  ') };
    }
    case 'abandon':
      return { question: decisionQuestion(d, t, opts), keys: `${k.yes} yes  ${k.deleteBranch} yes, and delete the branch too  any other key no` };
    case 'leftovers':
      return {
        question: `Cannot merge yet: the worktree has ${files(opts.leftovers.length)} (${names(opts.leftovers)}). Commit them to the branch, or drop them?`,
        keys: `${k.commitLeftovers} commit, then merge  ${k.dropLeftovers} drop (a patch is kept), then merge  any other key cancels`,
      };
    case 'request-changes': {
      const c = opts.comments ?? 0;
      return { question: `Changes for round ${t.round + 1}${c > 0 ? ` (+${plural(c, 'line comment')})` : ''}:`, keys: `${k.submit} send  ${k.cancel} cancel` };
    }
    case 'comment':
      return { question: `Comment on ${opts.commentPlace ?? 'the line'}:`, keys: `${k.submit} save (empty removes it)  ${k.cancel} back to the lines` };
    default:
      return { question: decisionQuestion(d, t, opts), keys: yes };
  }
}

export interface Outcome {
  text: string;
  tone: 'info' | 'error';
}

/**
 * What a merge did, in clauses, written once: the screen joins them into its one line, the CLI prints the
 * first as a sentence and the others indented under it.
 */
export function mergeClauses(r: MergeTaskResult, t: PromptTask): string[] {
  const d = r.decision;
  const how = d.strategy === 'rebase' ? 'rebased and fast-forwarded' : d.squash ? 'squashed' : 'merged';
  const left = d.leftovers === 'committed' ? ' (leftovers committed)' : d.leftovers === 'dropped' ? ` (leftovers dropped, kept in ${d.leftoversPatch})` : '';
  return [`${how} ${t.branch} into ${t.base} at ${r.commit?.slice(0, 12) ?? '?'}${left}`, ...savedClauses(d), `worktree ${d.worktreeRemoved ? 'removed' : 'kept'}, branch ${d.branchDeleted ? 'deleted' : 'kept'}`];
}

/** What an abandon did, in clauses (as mergeClauses). */
export function abandonClauses(r: AbandonResult, t: PromptTask): string[] {
  const d = r.decision;
  return [`abandoned ${t.id}: ${d.patch ? `work kept in ${d.patch}` : 'no work to keep'}`, ...savedClauses(d), `branch ${t.branch} ${d.branchDeleted ? 'deleted' : 'kept'}`];
}

/** The ignored files and nested repositories a decision kept a copy of, and where. */
function savedClauses(d: MergeTaskResult['decision']): string[] {
  const out: string[] = [];
  if (d.ignored && d.ignored.length > 0) {
    const names = d.ignored.slice(0, 5).join(', ') + (d.ignored.length > 5 ? `, … (${d.ignored.length})` : '');
    out.push(d.ignoredSaved ? `ignored files saved in ${d.ignoredSaved}/: ${names}` : `ignored files NOT saved (see the warning), still in the worktree: ${names}`);
  }
  if (d.nested && d.nested.length > 0) out.push(`nested work saved: ${d.nested.map((n) => `${n.path}/ in ${n.copy}${n.bundle ? ` and ${n.bundle}` : ''}`).join('; ')}`);
  return out;
}

/** Clauses as the screen's one line, the warnings after them. */
function outcomeLine(clauses: readonly string[], warnings: readonly string[]): Outcome {
  return { text: [...clauses, ...warnings].join('; '), tone: warnings.length > 0 ? 'error' : 'info' };
}

export function mergeOutcome(r: MergeTaskResult, t: PromptTask, k: Pick<PromptKeys, 'request'>): Outcome {
  if (r.outcome === 'conflict') {
    return {
      text: `merge conflict in ${names(r.conflicts ?? [])}: ${t.base} is unchanged and ${t.id} is now conflict; open its review and press ${k.request} to ask the agent to rebase and resolve it`,
      tone: 'error',
    };
  }
  return outcomeLine(mergeClauses(r, t), r.warnings);
}

/** What request changes did, in clauses (as mergeClauses): the next round started (or why not), and where the feedback is. */
export function requestClauses(r: RequestChangesResult, t: PromptTask): string[] {
  const saved = `feedback saved in review/feedback-${String(t.round).padStart(2, '0')}.md`;
  if (r.started) return [`changes requested on ${t.id}: round ${r.task.round} started`, saved];
  return [`changes requested on ${t.id}`, saved, `round ${t.round + 1} did not start: ${r.startError ?? 'unknown error'}`];
}

export function requestOutcome(r: RequestChangesResult, t: PromptTask): Outcome {
  return { text: requestClauses(r, t).join('; '), tone: r.started ? 'info' : 'error' };
}

export function abandonOutcome(r: AbandonResult, t: PromptTask): Outcome {
  return outcomeLine(abandonClauses(r, t), r.warnings);
}

/** The line a pull request leaves on the review screen: its URL, or why not and what to run. */
export function prOutcome(r: PullRequestResult): Outcome {
  const warn = r.warnings.length > 0 ? ` (${r.warnings.join('; ')})` : '';
  if (r.opened) return { text: `opened ${r.task.pr?.draft ? 'draft ' : ''}pull request ${r.url}${warn}`, tone: 'info' };
  return { text: `not opened: ${r.reason}; run: ${(r.commands ?? []).join(' && ')}`, tone: 'error' };
}
