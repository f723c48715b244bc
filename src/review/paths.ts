// The files of a task's review/ directory (DESIGN §3), beside store/layout.ts's task paths.
import path from 'node:path';
import { taskPaths } from '../store/layout.js';

export function reviewPaths(taskDir: string) {
  const dir = taskPaths(taskDir).review;
  return {
    dir,
    /** `git diff base...branch`, written when a review is opened. */
    diffPatch: path.join(dir, 'diff.patch'),
    stat: path.join(dir, 'stat.txt'),
    /** Written by the runner: the checks wtagents ran (core/checks.ts). */
    checks: path.join(dir, 'checks.json'),
    decision: path.join(dir, 'decision.json'),
    decisionLock: taskPaths(taskDir).decisionLock,
    /** Abandon: branch + uncommitted + untracked, applicable on `patchBase` with git apply. */
    abandonedPatch: path.join(dir, 'abandoned.patch'),
    /** Merge: the merged change, kept after the branch is deleted. */
    mergedPatch: path.join(dir, 'merged.patch'),
    /** Merge with --drop-leftovers: the uncommitted work that was dropped. */
    leftoversPatch: path.join(dir, 'dropped-leftovers.patch'),
    /** Merge and abandon: copies of ignored files the task made (no commit or patch holds them). */
    ignored: path.join(dir, 'ignored'),
    feedback: (round: number) => path.join(dir, `feedback-${String(round).padStart(2, '0')}.md`),
  };
}
