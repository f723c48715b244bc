// The error a merge throws when the task worktree holds uncommitted or untracked files: its own small module,
// so the review screen can recognise it without loading the merge engine.
import { UserError } from '../core/errors.js';
import type { Leftover } from '../core/risk.js';

/** The merge was refused because the task worktree holds uncommitted or untracked files (nothing changed). */
export class LeftoversError extends UserError {
  constructor(
    message: string,
    readonly leftovers: readonly Leftover[],
  ) {
    super(message);
    this.name = 'LeftoversError';
  }
}
