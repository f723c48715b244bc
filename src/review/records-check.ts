// The review's cross-check of the task's files against the supervisor's records (records/<id>.jsonl):
// check results are trusted from the records only; task.json, review/checks.json or the trace disagreeing
// with them is a `tampered` risk flag; the run's sandbox and guard violations come from there too.
import type { ChecksFile } from '../core/checks.js';
import type { RiskFlag } from '../core/risk.js';
import type { TaskRecord } from '../core/task.js';
import type { TraceEvent } from '../core/trace-schema.js';
import type { RunRecord } from '../store/records.js';

export interface RecordedChecks {
  round: number;
  results: { cmd: string; exitCode: number | null; timedOutSeconds?: number | undefined }[];
}

export interface RecordsVerdict {
  /** The checks the supervisor recorded for the task's last run; null when it recorded none; undefined without records. */
  checks: RecordedChecks | null | undefined;
  /** `bwrap` or `not sandboxed: …` for the last run; undefined without records. */
  sandbox: string | undefined;
  flags: RiskFlag[];
}

type Of<K extends RunRecord['kind']> = Extract<RunRecord, { kind: K }>;

const POST_RUN = new Set(['done', 'failed', 'stopped']);

export function verifyRecords(task: TaskRecord, records: readonly RunRecord[] | null, checksFile: ChecksFile | null, events: readonly TraceEvent[]): RecordsVerdict {
  const flags: RiskFlag[] = [];
  const traceGuard = events.filter((e): e is Extract<TraceEvent, { type: 'guard.violation' }> => e.type === 'guard.violation');
  if (records === null || records.length === 0) {
    for (const g of traceGuard) flags.push({ kind: 'outside-worktree', detail: `${g.what} ${g.detail} (round ${g.round})` });
    if (events.some((e) => e.type === 'agent.started') || checksFile !== null) {
      flags.push({ kind: 'unverified', detail: 'no supervisor records of this task: its state and checks come from files an agent could have written' });
    }
    return { checks: undefined, sandbox: undefined, flags };
  }

  const seen = new Set<string>();
  for (const r of records.filter((r): r is Of<'guard.violation'> => r.kind === 'guard.violation')) {
    seen.add(`${r.round} ${r.what} ${r.detail}`);
    flags.push({ kind: 'outside-worktree', detail: `${r.what} ${r.detail} (round ${r.round})` });
  }
  for (const g of traceGuard) if (!seen.has(`${g.round} ${g.what} ${g.detail}`)) flags.push({ kind: 'outside-worktree', detail: `${g.what} ${g.detail} (round ${g.round}, in the trace only)` });

  const startAt = records.findLastIndex((r) => r.kind === 'run.started');
  if (startAt < 0) return { checks: null, sandbox: undefined, flags };
  const start = records[startAt] as Of<'run.started'>;
  const run = records.slice(startAt + 1);
  if (start.sandbox !== 'bwrap') flags.push({ kind: 'not-sandboxed', detail: `round ${start.round} ran ${start.sandbox}: the agent could write outside its worktree` });

  const recorded = run.findLast((r): r is Of<'checks'> => r.kind === 'checks');
  const checks: RecordedChecks | null = recorded ? { round: recorded.round, results: recorded.results } : null;
  const fileSays = checksFile ? { round: checksFile.round, results: checksFile.results.map((r) => ({ cmd: r.cmd, exitCode: r.exitCode })) } : null;
  if (fileSays && !sameChecks(fileSays, checks)) {
    flags.push({ kind: 'tampered', path: 'review/checks.json', detail: `review/checks.json says ${summary(fileSays)}, but the supervisor recorded ${summary(checks)}` });
  }
  // A run may check more than once (before a review, at the end): the trace's last checks are compared.
  const traced = events
    .filter((e): e is Extract<TraceEvent, { type: 'check.finished' }> => e.type === 'check.finished' && e.step === 'check' && e.round === start.round)
    .slice(-(checks?.results.length ?? 1));
  const traceSays = traced.length > 0 ? { round: start.round, results: traced.map((e) => ({ cmd: e.cmd, exitCode: e.exitCode ?? null })) } : null;
  // (checks the trace has but the records lack: a supervisor killed mid-checks; they count as none, unflagged)
  if (traceSays && checks && !sameChecks(traceSays, checks)) {
    flags.push({ kind: 'tampered', path: 'trace.jsonl', detail: `the trace says ${summary(traceSays)}, but the supervisor recorded ${summary(checks)}` });
  }

  const finished = run.findLast((r): r is Of<'run.finished'> => r.kind === 'run.finished');
  if (POST_RUN.has(task.state) && task.round === start.round) {
    if (!finished) flags.push({ kind: 'tampered', path: 'task.json', detail: `task.json says ${task.state}, but the supervisor recorded no end of round ${start.round}` });
    else if (finished.state !== task.state) {
      flags.push({ kind: 'tampered', path: 'task.json', detail: `task.json says ${task.state}, but the supervisor recorded ${finished.state} (${finished.reason})` });
    }
  }
  return { checks, sandbox: start.sandbox, flags };
}

function sameChecks(a: RecordedChecks, b: RecordedChecks | null): boolean {
  if (b === null || a.round !== b.round || a.results.length !== b.results.length) return false;
  return a.results.every((r, i) => r.cmd === b.results[i]!.cmd && r.exitCode === b.results[i]!.exitCode);
}

function summary(c: RecordedChecks | null): string {
  if (c === null) return 'no checks';
  const ok = c.results.filter((r) => r.exitCode === 0).length;
  return `${ok}/${c.results.length} passed (round ${c.round})`;
}
