// The request-changes decision (DESIGN §8): the reviewer's feedback is recorded (decision.json, the trace,
// review/feedback-NN.md), the task moves to `changes-requested`, and the next round starts with it
// (startRun from the runner, which writes the next packet and resumes the agent).
import { errorLine, UserError } from '../core/errors.js';
import type { DecisionRecord } from '../core/decision.js';
import type { TaskRecord } from '../core/task.js';
import { startRun } from '../runner/control.js';
import { writeFileAtomic } from '../store/atomic.js';
import { commentsText, type LineComment } from '../core/line-comment.js';
import { readComments, takeComments } from './comments.js';
import { reviewPaths } from './paths.js';
import { baseDecision, checkTransition, recordDecision, withDecisionLock } from './record.js';
import { resolveRange } from './range.js';

export interface RequestChangesResult {
  task: TaskRecord;
  decision: DecisionRecord;
  /** The next round is running. */
  started: boolean;
  /** Why the next round did not start (the feedback is recorded all the same). */
  startError?: string;
}

/** Feedback must say something; it travels into a packet, never through a shell. */
export function checkFeedback(text: string): string {
  const feedback = text.replace(/\r\n?/g, '\n').trim();
  if (feedback === '') throw new UserError('the feedback is empty: say what the agent should change');
  if (feedback.includes('\0')) throw new UserError('the feedback contains a NUL byte');
  return feedback;
}

/** The feedback the next packet gets: the reviewer's text, then the line comments quoted with file:line and code. */
export function feedbackWithComments(text: string, comments: readonly LineComment[]): string {
  return [text.trim(), commentsText(comments)].filter((p) => p !== '').join('\n\n');
}

export async function requestChanges(taskDir: string, text: string): Promise<RequestChangesResult> {
  const feedback = checkFeedback(feedbackWithComments(text, readComments(taskDir)));
  return withDecisionLock(taskDir, async (task, lock) => {
    checkTransition(task, 'request-changes');
    const decision = baseDecision(task, 'request-changes', 'changes-requested');
    const range = await resolveRange(task);
    if (range) decision.branchTip = range.tip;
    decision.feedback = feedback;
    writeFileAtomic(reviewPaths(taskDir).feedback(task.round), `${feedback}\n`);
    // The trace gets the feedback's start; all of it is in decision.json and review/feedback-NN.md.
    const detail = feedback.length > 4000 ? `${feedback.slice(0, 4000)}… [${feedback.length} chars]` : feedback;
    const record = await recordDecision(taskDir, { decision, event: 'request-changes', detail });
    await takeComments(taskDir, task.round); // sent: they move to review/comments-sent-NN.json
    // Still under the decision lock: nobody can merge or abandon while the next round is being started.
    try {
      const started = await startRun(taskDir, { feedback, decisionLock: lock });
      return { task: started, decision, started: true };
    } catch (error) {
      return { task: record, decision, started: false, startError: errorLine(error) };
    }
  });
}
