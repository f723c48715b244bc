// The last check before a decision removes a task worktree: every byte in it is in the base (merged), in the
// saved patches, in review/ignored/ and review/nested/ — proven by prove-saved (patches applied in a
// throwaway index and compared tree for tree) and the nested copies and bundles verified. Anything else keeps
// the worktree, with a warning that says what is not proven saved.
import path from 'node:path';
import type { DecisionRecord } from '../core/decision.js';
import type { TaskRecord } from '../core/task.js';
import { nestedStillSaved } from './nested.js';
import { proveWorktreeSaved, type SavedPlace } from './prove-saved.js';

export type { SavedPlace } from './prove-saved.js';

/** What in the worktree is not proven saved by this decision in `places` (empty: safe to remove). */
export async function unsavedWork(taskDir: string, task: TaskRecord, d: DecisionRecord, places: SavedPlace[]): Promise<string[]> {
  const proof = await proveWorktreeSaved(task, { places, ...(d.ignoredSaved ? { ignoredCopy: path.join(taskDir, d.ignoredSaved) } : {}) });
  const missing = [...proof.unsaved];
  if (d.nested) missing.push(...(await nestedStillSaved(taskDir, task.worktree, d.nested)).map((m) => `${m} not in review/nested`));
  return missing;
}
