import { describe, expect, it } from 'vitest';
import { nextState, transition, TASK_EVENTS, TASK_STATES, type TaskEvent, type TaskState } from '../../src/core/lifecycle.js';

// The whole table: every (state, event) pair and the state it leads to, or '-' when refused.
const expected: Record<TaskState, Partial<Record<TaskEvent, TaskState>>> = {
  draft: { 'worktree-created': 'ready', abandon: 'abandoned' },
  ready: { enqueue: 'queued', start: 'running', 'request-changes': 'changes-requested', merge: 'merged', 'merge-conflict': 'conflict', abandon: 'abandoned', takeover: 'done' },
  queued: { start: 'running', dequeue: 'stopped', abandon: 'abandoned' },
  running: { 'exit-ok': 'done', 'exit-fail': 'failed', stop: 'stopped', vanish: 'interrupted', 'runner-lost': 'interrupted' },
  done: { enqueue: 'queued', start: 'running', 'request-changes': 'changes-requested', merge: 'merged', 'merge-conflict': 'conflict', abandon: 'abandoned', takeover: 'done' },
  failed: { enqueue: 'queued', start: 'running', 'request-changes': 'changes-requested', merge: 'merged', 'merge-conflict': 'conflict', abandon: 'abandoned', takeover: 'done' },
  stopped: { enqueue: 'queued', start: 'running', 'request-changes': 'changes-requested', merge: 'merged', 'merge-conflict': 'conflict', abandon: 'abandoned', takeover: 'done' },
  interrupted: { enqueue: 'queued', start: 'running', vanish: 'interrupted', 'runner-back': 'running', 'request-changes': 'changes-requested', merge: 'merged', 'merge-conflict': 'conflict', abandon: 'abandoned', takeover: 'done' },
  'changes-requested': { enqueue: 'queued', start: 'running', 'request-changes': 'changes-requested', merge: 'merged', 'merge-conflict': 'conflict', abandon: 'abandoned', takeover: 'done' },
  conflict: { enqueue: 'queued', start: 'running', 'request-changes': 'changes-requested', merge: 'merged', 'merge-conflict': 'conflict', abandon: 'abandoned', takeover: 'done' },
  merged: {},
  abandoned: {},
};

describe('task lifecycle', () => {
  for (const state of TASK_STATES) {
    for (const event of TASK_EVENTS) {
      const to = expected[state][event] ?? null;
      it(`${state} --${event}--> ${to ?? '(refused)'}`, () => {
        expect(nextState(state, event)).toBe(to);
      });
    }
  }

  it('explains a refused transition', () => {
    expect(() => transition('merged', 'start')).toThrow('cannot start a task that is merged');
  });
});
