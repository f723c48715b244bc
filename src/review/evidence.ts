// The evidence tab's data: checks wtagents ran, the agent's report and its recommendation, risk flags,
// uncommitted leftovers, tokens, cost, duration and rounds — gathered from the task's files and git.
import { existsSync, readFileSync } from 'node:fs';
import { ChecksFile, checksPassed, type CheckResult } from '../core/checks.js';
import { DecisionRecord } from '../core/decision.js';
import { parseUnifiedDiff, splitPatch, type DiffFile, type DiffTotals } from '../core/diff-parse.js';
import { parseReport, type ParsedReport, type Recommendation } from '../core/report-parse.js';
import { computeRiskFlags, type Leftover, type RiskFlag } from '../core/risk.js';
import type { TaskState } from '../core/lifecycle.js';
import type { TaskRecord, Usage } from '../core/task.js';
import { sumUsage } from '../core/step-usage.js';
import type { TraceEvent } from '../core/trace-schema.js';
import { statusEntries } from '../git/checkouts.js';
import { currentBranch } from '../git/repo.js';
import { blobSizes } from '../git/diff.js';
import { loadConfig } from '../store/config-file.js';
import { taskPaths } from '../store/layout.js';
import { readTrace } from '../store/trace-read.js';
import { effectiveState, readTask } from '../store/tasks.js';
import { checkClaims, lastRoundDenials, lastRunExitedOk } from './claims.js';
import type { ReviewSession } from './open.js';
import { findIgnored } from './ignored.js';
import { reviewPaths } from './paths.js';
import { verifyRecords, type RecordedChecks } from './records-check.js';
import { readRecords } from '../store/records.js';
import { readComments } from './comments.js';
import type { LineComment } from '../core/line-comment.js';
import { workflowEvidence, workflowRisks, type WorkflowEvidence } from './workflow-evidence.js';
import { rangeLabel } from './range.js';

export interface ChecksEvidence {
  /** `supervisor`: its records (trusted); `checks.json`/`trace`: a task without records (older runs). */
  source: 'supervisor' | 'checks.json' | 'trace' | 'none';
  round?: number;
  results: CheckResult[];
  /** null when no checks ran. */
  passed: boolean | null;
  /** Why checks.json could not be used, when it exists but is broken. */
  error?: string;
}

export interface ReportEvidence {
  source: 'report.md' | 'trace' | 'none';
  text: string;
  sections: ParsedReport['sections'];
  recommendation: Recommendation | null;
}

export interface Evidence {
  task: Pick<TaskRecord, 'id' | 'title' | 'round' | 'base' | 'branch' | 'worktree' | 'taskDir' | 'scope'> & { state: TaskState };
  range: { label: string; base: string; branch: string; from: string; tip: string } | null;
  files: DiffFile[];
  totals: DiffTotals;
  checks: ChecksEvidence;
  report: ReportEvidence;
  risks: RiskFlag[];
  /** Uncommitted and untracked files in the task worktree; null when there is no worktree. */
  leftovers: Leftover[] | null;
  /** Ignored files the task made (not config setup): merge and abandon copy them into review/ignored/. Null without a worktree. */
  ignored: string[] | null;
  usage: Usage | null;
  durationMs: number | null;
  rounds: number;
  decision: DecisionRecord | null;
  /** Trace lines that were skipped (malformed or of an unknown type). */
  traceSkipped: number;
  /** Where the last run ran, from the supervisor's records: `bwrap` or `not sandboxed: …`; null when unknown. */
  sandbox?: string | null;
  /** Line comments waiting for the next request changes (review/comments.json). */
  comments?: LineComment[];
  /** Plan, reviews, summary, step edits and usage per step (from the workflow's steps). */
  workflow?: WorkflowEvidence;
}

/** Everything the evidence tab shows. `patch` (the whole diff text) feeds the secret and test checks. */
export async function collectEvidence(taskDir: string, opened: ReviewSession | null, patch?: string): Promise<Evidence> {
  const session = opened && (await opened.count()); // risk flags need every file's line counts
  const task = session?.task ?? readTask(taskDir);
  const trace = readTraceEvents(taskDir);
  const files = session?.files ?? [];
  const hasWorktree = existsSync(task.worktree) && existsSync(`${task.worktree}/.git`);
  const report = readReport(taskDir, trace.events);
  const r = session?.range;
  const [leftovers, ignored, worktreeBranch, sizes, claims] = await Promise.all([
    hasWorktree ? statusEntries(task.worktree) : Promise.resolve(null),
    hasWorktree ? findIgnored(task).then((f) => f.entries, () => null) : Promise.resolve(null),
    hasWorktree ? currentBranch(task.worktree) : Promise.resolve(undefined),
    blobSizes(task.repo, files.map((f) => f.newSha ?? '')),
    r && report.text ? checkClaims(task.repo, report.text, r).catch(() => null) : Promise.resolve(null),
  ]);
  const scope = task.scope.length > 0 ? task.scope : configScope(task.repo);
  const checksFile = readChecksFile(taskDir);
  const verdict = verifyRecords(task, readRecords(task.repo, task.id), checksFile.file, trace.events);
  const sections = patch === undefined ? undefined : splitPatch(parseUnifiedDiff(patch));
  const risks = computeRiskFlags({
    files,
    ...(sections ? { sections } : {}),
    scope,
    sizes: new Map(files.flatMap((f) => (f.newSha && sizes.has(f.newSha) ? [[f.path, sizes.get(f.newSha)!] as const] : []))),
    ...(leftovers ? { leftovers } : {}),
    ...(worktreeBranch !== undefined ? { worktreeBranch, taskBranch: task.branch } : {}),
    extra: verdict.flags,
    agentExitedOk: lastRunExitedOk(trace.events) === true,
    denials: lastRoundDenials(trace.events),
    ...(claims ? { claims } : {}),
  });
  const workflow = workflowEvidence(taskDir, trace.events, effectiveBudget(task));
  risks.push(...workflowRisks(workflow));
  return {
    task: { id: task.id, title: task.title, state: effectiveState(task), round: task.round, base: task.base, branch: task.branch, worktree: task.worktree, taskDir, scope },
    range: r ? { label: rangeLabel(r), base: r.base, branch: r.branch, from: r.from, tip: r.tip } : null,
    files,
    totals: session?.totals ?? { files: 0, added: 0, removed: 0 },
    checks: readChecks(checksFile, verdict.checks, trace.events),
    report,
    risks,
    leftovers,
    ignored,
    ...usageFrom(task, trace.events),
    rounds: task.round,
    decision: readDecision(taskDir),
    traceSkipped: trace.malformed + trace.unknown,
    sandbox: verdict.sandbox ?? null,
    workflow,
    comments: waitingComments(taskDir),
  };
}

/** The limits that applied: the task's own over config `budget`. */
function effectiveBudget(task: TaskRecord): WorkflowEvidence['budget'] {
  let config: { maxCostUsd?: number; maxTokens?: number } = {};
  try {
    config = loadConfig(task.repo).budget;
  } catch {
    // a broken config: the task's own limits only
  }
  const b = { maxCostUsd: task.budget?.maxCostUsd ?? config.maxCostUsd, maxTokens: task.budget?.maxTokens ?? config.maxTokens, maxMinutes: task.budget?.maxMinutes };
  const set = Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined));
  return Object.keys(set).length > 0 ? set : null;
}

function configScope(repo: string): string[] {
  try {
    return loadConfig(repo).scope;
  } catch {
    return [];
  }
}

export function readTraceEvents(taskDir: string): { events: TraceEvent[]; malformed: number; unknown: number } {
  return readTrace(taskPaths(taskDir).trace);
}

function readChecksFile(taskDir: string): { file: ChecksFile | null; error?: string } {
  try {
    const parsed = ChecksFile.safeParse(JSON.parse(readFileSync(reviewPaths(taskDir).checks, 'utf8')));
    if (parsed.success) return { file: parsed.data };
    return { file: null, error: `review/checks.json is invalid at ${parsed.error.issues[0]?.path.join('.') || '(root)'}` };
  } catch (e) {
    return { file: null, ...((e as NodeJS.ErrnoException).code !== 'ENOENT' ? { error: 'review/checks.json is not valid JSON' } : {}) };
  }
}

/**
 * The checks to show. With supervisor records, only what the supervisor recorded counts (durations and log
 * tails are taken from checks.json or the trace where they name the same command and exit code). Without
 * records (an older task): checks.json, else the trace's check.finished events of step `check` — setup
 * steps are never counted as checks.
 */
function readChecks(checksFile: { file: ChecksFile | null; error?: string }, recorded: RecordedChecks | null | undefined, events: readonly TraceEvent[]): ChecksEvidence {
  const finished = events.filter((e): e is Extract<TraceEvent, { type: 'check.finished' }> => e.type === 'check.finished' && e.step === 'check');
  const fromTrace = (e: Extract<TraceEvent, { type: 'check.finished' }>): CheckResult => ({
    cmd: e.cmd,
    exitCode: e.exitCode === undefined || e.exitCode === null ? null : Math.trunc(e.exitCode),
    durationMs: e.durationMs,
    logTail: e.logTail ?? '',
    ...(e.timedOutSeconds !== undefined ? { timedOutSeconds: e.timedOutSeconds } : {}),
  });
  if (recorded !== undefined) {
    if (recorded === null) return { source: 'none', results: [], passed: null };
    const details = [...(checksFile.file?.round === recorded.round ? checksFile.file.results : []), ...finished.filter((e) => e.round === recorded.round).map(fromTrace)];
    const results = recorded.results.map((r): CheckResult => {
      const d = details.find((x) => x.cmd === r.cmd && x.exitCode === r.exitCode);
      return { cmd: r.cmd, exitCode: r.exitCode, durationMs: d?.durationMs ?? 0, logTail: d?.logTail ?? '', ...(d?.log ? { log: d.log } : {}), ...(r.timedOutSeconds !== undefined ? { timedOutSeconds: r.timedOutSeconds } : {}) };
    });
    return { source: 'supervisor', round: recorded.round, results, passed: results.length > 0 ? results.every((c) => c.exitCode === 0) : null };
  }
  const f = checksFile.file;
  if (f) return { source: 'checks.json', round: f.round, results: f.results, passed: f.results.length > 0 ? checksPassed(f) : null };
  const round = finished.at(-1)?.round;
  const results = finished.filter((e) => e.round === round).map(fromTrace);
  const passed = results.length > 0 ? results.every((c) => c.exitCode === 0) : null;
  return { source: results.length > 0 ? 'trace' : 'none', ...(round !== undefined ? { round } : {}), results, passed, ...(checksFile.error ? { error: checksFile.error } : {}) };
}

function readReport(taskDir: string, events: readonly TraceEvent[]): ReportEvidence {
  let text: string | null = null;
  let source: ReportEvidence['source'] = 'none';
  try {
    text = readFileSync(taskPaths(taskDir).report, 'utf8');
    source = 'report.md';
  } catch {
    const messages = events.filter((e): e is Extract<TraceEvent, { type: 'agent.message' }> => e.type === 'agent.message');
    const last = messages.filter((m) => m.final).at(-1) ?? messages.at(-1);
    if (last) {
      text = last.text;
      source = 'trace';
    }
  }
  if (text === null) return { source, text: '', sections: {}, recommendation: null };
  const parsed = parseReport(text);
  return { source, text, sections: parsed.sections, recommendation: parsed.recommendation };
}

/** Tokens and cost (summed per step run from the trace, else task.json's) and the agents' time. */
function usageFrom(task: TaskRecord, events: readonly TraceEvent[]): { usage: Usage | null; durationMs: number | null } {
  let duration: number | null = null;
  for (const e of events) if (e.type === 'agent.exited') duration = (duration ?? 0) + e.durationMs;
  const usage = sumUsage(events) ?? (task.usage ? { ...task.usage } : null);
  if (duration === null && task.lastExit) duration = task.lastExit.durationMs;
  return { usage, durationMs: duration };
}

export function readDecision(taskDir: string): DecisionRecord | null {
  try {
    const parsed = DecisionRecord.safeParse(JSON.parse(readFileSync(reviewPaths(taskDir).decision, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The waiting line comments; a broken comments file shows as none here (commenting or sending names the problem). */
function waitingComments(taskDir: string): LineComment[] {
  try {
    return readComments(taskDir);
  } catch {
    return [];
  }
}
