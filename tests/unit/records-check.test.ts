import { describe, expect, it } from 'vitest';
import type { ChecksFile } from '../../src/core/checks.js';
import { TaskRecord } from '../../src/core/task.js';
import type { TraceEvent } from '../../src/core/trace-schema.js';
import { verifyRecords } from '../../src/review/records-check.js';
import type { RunRecord } from '../../src/store/records.js';

const task = (state: string, round = 1) =>
  TaskRecord.parse({
    v: 1, id: 't', title: 'T', text: 'T', repo: '/r', base: 'main', baseSha: 'a', branch: 'wtagents/t', worktree: '/r/.wtagents/worktrees/t',
    taskDir: '/r/.wtagents/tasks/t', mode: 'create', state, round, createdAt: 'x', updatedAt: 'x',
  });
const at = { v: 1 as const, at: 'x', task: 't', round: 1 };
const run = (sandbox: string, exitCode: number | null, state: 'done' | 'failed'): RunRecord[] => [
  { ...at, kind: 'run.started', sandbox, supervisorPid: 1 },
  { ...at, kind: 'step.exited', step: 'implement', code: 0, signal: null },
  { ...at, kind: 'checks', results: [{ cmd: 'npm test', exitCode }] },
  { ...at, kind: 'run.finished', state, reason: state === 'done' ? 'ok' : 'check failed: npm test' },
];
const checksFile = (exitCode: number): ChecksFile => ({ round: 1, finishedAt: 'x', results: [{ cmd: 'npm test', exitCode, durationMs: 5, logTail: '' }] });
const ev = (e: object) => ({ v: 1, ts: 'x', task: 't', seq: 1, round: 1, ...e }) as TraceEvent;

describe('the review against the supervisor records', () => {
  it('agrees silently when task.json, checks.json and the trace say what the supervisor recorded', () => {
    const v = verifyRecords(task('failed'), run('bwrap', 1, 'failed'), checksFile(1), [ev({ type: 'check.finished', step: 'check', cmd: 'npm test', exitCode: 1, durationMs: 5 })]);
    expect(v).toEqual({ checks: { round: 1, results: [{ cmd: 'npm test', exitCode: 1 }] }, sandbox: 'bwrap', flags: [] });
  });

  it('flags a forged task.json, checks.json and trace, and keeps the recorded checks', () => {
    const v = verifyRecords(task('done'), run('bwrap', 1, 'failed'), checksFile(0), [ev({ type: 'check.finished', step: 'check', cmd: 'npm test', exitCode: 0, durationMs: 5 })]);
    expect(v.checks).toEqual({ round: 1, results: [{ cmd: 'npm test', exitCode: 1 }] });
    expect(v.flags.map((f) => [f.kind, f.path])).toEqual([
      ['tampered', 'review/checks.json'],
      ['tampered', 'trace.jsonl'],
      ['tampered', 'task.json'],
    ]);
    expect(v.flags[2]!.detail).toBe('task.json says done, but the supervisor recorded failed (check failed: npm test)');
  });

  it('flags a run that was not sandboxed, guard violations, and a finished state the supervisor never recorded', () => {
    const records: RunRecord[] = [...run('not sandboxed: config sandbox is "none"', 0, 'done').slice(0, 3), { ...at, kind: 'guard.violation', what: 'hooks path', detail: 'changed: (default) → /x' }];
    const v = verifyRecords(task('done'), records, null, []);
    expect(v.flags.map((f) => f.kind)).toEqual(['outside-worktree', 'not-sandboxed', 'tampered']);
    expect(v.flags[0]!.detail).toBe('hooks path changed: (default) → /x (round 1)');
  });

  it('without records, a task that ran is unverified; checks recorded as none are none whatever checks.json says', () => {
    expect(verifyRecords(task('done'), null, checksFile(0), []).flags.map((f) => f.kind)).toEqual(['unverified']);
    expect(verifyRecords(task('ready'), null, null, []).flags).toEqual([]);
    const v = verifyRecords(task('interrupted'), run('bwrap', 0, 'done').slice(0, 2), checksFile(0), []);
    expect(v.checks).toBeNull();
    expect(v.flags.map((f) => f.detail)).toEqual(['review/checks.json says 1/1 passed (round 1), but the supervisor recorded no checks']);
  });
});
