// A review decision as recorded in review/decision.json (DESIGN §8): what was decided, what came of it,
// and where the work was kept.
import { z } from 'zod';

export const DECISIONS = ['merge', 'request-changes', 'abandon'] as const;

/** How a merge lands on the base: a --no-ff merge commit, one squashed commit, or the commits rebased then fast-forwarded. */
export const MERGE_STRATEGIES = ['merge', 'squash', 'rebase'] as const;
export type MergeStrategy = (typeof MERGE_STRATEGIES)[number];

export const DecisionRecord = z.object({
  /** Written before the decision acts; the next command finishes or rolls back a decision left pending (kill). */
  pending: z.boolean().optional(),
  v: z.literal(1),
  task: z.string(),
  decision: z.enum(DECISIONS),
  outcome: z.enum(['merged', 'conflict', 'changes-requested', 'abandoned']),
  at: z.string(),
  round: z.number().int().positive(),
  /** The task branch and the commit it pointed at when the decision was taken. */
  branch: z.string(),
  branchTip: z.string().optional(),
  /** Merge: the base branch, the checkout it was merged in (or "temporary worktree"), before/after. */
  into: z.string().optional(),
  checkout: z.string().optional(),
  squash: z.boolean().optional(),
  /** The merge strategy (absent in records from before strategies: then `squash` says which). */
  strategy: z.enum(MERGE_STRATEGIES).optional(),
  /** Rebase: the rebased commits' tip, made before the base moves (an interrupted merge is finished from it). */
  rebasedTip: z.string().optional(),
  baseBefore: z.string().optional(),
  baseAfter: z.string().optional(),
  conflicts: z.array(z.string()).optional(),
  /** What happened to uncommitted work in the worktree. */
  leftovers: z.enum(['none', 'committed', 'dropped', 'saved']).optional(),
  /** Saved patches, relative to the task directory; `git apply` them on `patchBase`. */
  patch: z.string().optional(),
  leftoversPatch: z.string().optional(),
  patchBase: z.string().optional(),
  /** The tree the saved patch reproduces (branch + uncommitted + untracked). */
  tree: z.string().optional(),
  /** Ignored files the task made (not setup), copied before the worktree was removed, into `ignoredSaved`. */
  ignored: z.array(z.string()).optional(),
  ignoredSaved: z.string().optional(),
  /** Nested repositories and files under submodule paths, saved in review/nested/ (a copy of the files, a git bundle). */
  nested: z
    .array(z.object({ path: z.string(), kind: z.enum(['repo', 'submodule-files']), head: z.string().nullable(), files: z.number(), tracked: z.boolean(), copy: z.string(), bundle: z.string().optional() }))
    .optional(),
  worktreeRemoved: z.boolean().optional(),
  branchDeleted: z.boolean().optional(),
  feedback: z.string().optional(),
  /** Cleanup steps that failed after the decision took effect. */
  warnings: z.array(z.string()).optional(),
});
export type DecisionRecord = z.infer<typeof DecisionRecord>;
