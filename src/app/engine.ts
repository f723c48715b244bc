// The engine functions the TUI calls only on demand (a key, or after the first frame: change counts, branches),
// gathered in one module that src/app/services.ts imports lazily: git, the runner and the review engine are
// loaded on their first use, never before the dashboard's first frame.
export { changeCount } from '../git/change-count.js';
export { listBranches } from '../git/branches.js';
export { currentBranch } from '../git/repo.js';
export { abandonTask, mergeTask, requestChanges } from '../review/decisions.js';
export { collectEvidence } from '../review/evidence.js';
export { compareGroup } from '../review/compare.js';
export { abandonOthers } from '../review/group-others.js';
export { openSession, writeReviewFiles } from '../review/open.js';
export { startRun, stopRun } from '../runner/control.js';
export { createTask } from '../store/create-task.js';
export { archiveTask } from '../review/archive.js';
export { planClean, runClean, taskDisk } from '../review/clean.js';
export { openPullRequest } from '../review/pull-request.js';
export { forgeFor, prState } from '../forge/forge.js';
export { readComments, saveComment } from '../review/comments.js';
export { mergeMessage } from '../review/merge-message.js';
export { readTask } from '../store/tasks.js';
export { planTakeover, runTakeover } from '../runner/takeover.js';
