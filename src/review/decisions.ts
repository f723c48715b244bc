// The review gate's decisions (DESIGN §8), each under the task's decision lock, traced and written to
// review/decision.json: merge, request changes, abandon.
export { mergeTask, LeftoversError, TEMPORARY_CHECKOUT, type MergeTaskOptions, type MergeTaskResult } from './merge.js';
export { requestChanges, checkFeedback, type RequestChangesResult } from './request-changes.js';
export { abandonTask, type AbandonOptions, type AbandonResult } from './abandon.js';
export { withDecisionLock } from './record.js';
