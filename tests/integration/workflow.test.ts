// Workflow steps with roles and packets (plan → implement → review → fix → summary), run by a real
// supervisor with a shell fixture agent that acts by $WTAGENTS_STEP and says what its packet held.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellJoin } from '../../src/core/shell-quote.js';
import type { TraceEvent } from '../../src/core/trace-schema.js';
import { runCli, runJson } from '../helpers/cli.js';
import { makeRepo, writeFiles } from '../helpers/repo.js';
import { FIXTURES, newTask, traceEvents, waitSettled } from '../helpers/run.js';

const FULL = ['plan', 'implement', 'review', 'summary'];

function agent(env: Record<string, string> = {}): string {
  const vars = Object.entries(env).map(([k, v]) => `${k}=${shellJoin([v])}`);
  return [...vars, shellJoin(['bash', path.join(FIXTURES, 'workflow-agent.sh')])].join(' ');
}

function repoWith(config: object): string {
  const repo = makeRepo();
  writeFiles(repo, { '.wtagents/config.json': JSON.stringify(config) });
  return repo;
}

const said = (events: TraceEvent[], step: string) =>
  events.filter((e) => e.type === 'agent.output' && e.step === step).map((e) => (e as { text: string }).text);
const stepsRun = (events: TraceEvent[]) => events.filter((e) => e.type === 'agent.started').map((e) => e.step);
const outputs = (events: TraceEvent[]) =>
  events.filter((e): e is Extract<TraceEvent, { type: 'step.output' }> => e.type === 'step.output').map((e) => `${e.step}:${e.file}${e.verdict !== undefined ? `:${e.verdict}` : ''}`);

describe('workflow steps with roles', () => {
  it('plan → implement → review asking changes → one fix → review approves → summary, each with its own packet', async () => {
    const repo = repoWith({ workflow: FULL, checks: ['test -f feature.txt'] });
    const t = newTask(repo, ['Add feature.txt', '--agent-command', agent({ WF_VERDICTS: 'request-changes approve' })]);
    expect(runCli(['run', t.id], { cwd: repo }).code).toBe(0);
    const done = await waitSettled(t.taskDir);
    const events = traceEvents(t.taskDir);
    expect(stepsRun(events)).toEqual(['plan', 'implement', 'review', 'fix', 'review', 'summary']);
    expect(outputs(events)).toEqual(['plan:plan.md', 'review:review-01.md:request-changes', 'review:review-02.md:approve', 'summary:summary.md']);
    // Each role got its packet, and each step's output reached the next.
    expect(said(events, 'plan')).toContain('plan saw: the planner role');
    expect(said(events, 'implement')).toContain('implement saw: the plan');
    expect(said(events, 'review')).toEqual(expect.arrayContaining(['review saw: the reviewer role', 'review saw: the diff']));
    expect(said(events, 'fix')).toEqual(expect.arrayContaining(['fix saw: the finding', 'fix saw: the plan']));
    expect(said(events, 'summary')).toContain('summary saw: the review');
    expect(readFileSync(path.join(t.taskDir, 'plan.md'), 'utf8')).toContain('PLAN-MARKER-42');
    expect(readFileSync(path.join(t.taskDir, 'packets/steps/01-implement.md'), 'utf8')).toContain('PLAN-MARKER-42');
    expect(readFileSync(path.join(t.taskDir, 'review-01.md'), 'utf8')).toMatch(/^Verdict: request-changes$/m);
    expect(readFileSync(path.join(t.taskDir, 'summary.md'), 'utf8')).toContain('Handoff');
    // Checks ran before each review and the report is the implementer's (the fix's), not the summary's.
    const checkSteps = events.filter((e) => e.type === 'check.finished' || e.type === 'agent.started').map((e) => (e.type === 'check.finished' ? 'check' : e.step));
    expect(checkSteps).toEqual(['plan', 'implement', 'check', 'review', 'fix', 'check', 'review', 'summary']);
    expect(readFileSync(path.join(t.taskDir, 'report.md'), 'utf8')).toContain('fix wrote feature.txt');
    expect(done.state).toBe('done');
    expect(events.at(-1)).toMatchObject({ type: 'task.state', state: 'done', reason: expect.stringContaining('reviewer: approve after 1 fix round (review-02.md)') });

    // The review shows the plan, each verdict with its findings, and the summary.
    const text = runCli(['review', t.id], { cwd: repo }).stdout;
    expect(text).toContain('Plan (plan.md, from the plan step):');
    expect(text).toContain('Review review-01.md (round 1): request-changes, 1 finding');
    expect(text).toContain('1. feature.txt: FINDING-7 add a second line');
    expect(text).toContain('Review review-02.md (round 1): approve');
    expect(text).toContain('Summary (summary.md, the handoff):');

    // A human's request-changes starts again at implement, with the feedback and the plan.
    expect(runCli(['run', t.id, '--feedback', 'HUMAN-NOTE-9 please'], { cwd: repo }).code).toBe(0);
    await waitSettled(t.taskDir);
    const round2 = traceEvents(t.taskDir).filter((e) => e.round === 2);
    expect(stepsRun(round2)).toEqual(['implement', 'review', 'summary']);
    expect(said(round2, 'implement')).toEqual(expect.arrayContaining(['implement saw: the human feedback', 'implement saw: the plan']));
    expect(outputs(round2)).toEqual(['review:review-03.md:approve', 'summary:summary.md']);
  });

  it('stops after maxFixRounds: a reviewer that keeps asking gets exactly one fix round by default', async () => {
    const repo = repoWith({ workflow: ['implement', 'review'] });
    const t = newTask(repo, ['Add feature.txt', '--agent-command', agent({ WF_VERDICTS: 'request-changes' })]);
    expect(runCli(['run', t.id], { cwd: repo }).code).toBe(0);
    const done = await waitSettled(t.taskDir);
    const events = traceEvents(t.taskDir);
    expect(stepsRun(events)).toEqual(['implement', 'review', 'fix', 'review']);
    expect(done.state).toBe('done'); // the checks decide the state; the verdict is evidence
    expect(events.at(-1)).toMatchObject({ reason: expect.stringContaining('reviewer: request-changes after 1 fix round (no fix rounds left of 1)') });
    const ev = runJson<{ risks: { kind: string; detail: string }[] }>(['review', t.id], { cwd: repo });
    expect(ev.risks).toContainEqual(expect.objectContaining({ kind: 'reviewer', detail: expect.stringContaining('request-changes') }));
  });

  it('flags a plan step that edits files, and warns when the reviewer is the implementer', async () => {
    const repo = repoWith({ workflow: ['plan', 'implement', 'review'], budget: { maxFixRounds: 0 } });
    const t = newTask(repo, ['Add feature.txt', '--agent-command', agent({ WF_PLAN_EDITS: '1' })]);
    const print = runCli(['run', t.id, '--print'], { cwd: repo });
    expect(print.code).toBe(0);
    expect(print.stdout).toContain("note     the review step runs the implementer's own agent (command): it reviews its own work");
    expect(print.stdout).toContain('--- packet of step plan (packets/steps/01-plan.md, written when the step starts) ---');
    expect(print.stdout).toContain('You are the **planner**');
    expect(print.stdout).toContain('<plan.md, from the plan step: filled in when the step starts>');
    expect(print.stdout).not.toContain('packet of step fix'); // maxFixRounds 0: no fix step
    const run = runCli(['run', t.id], { cwd: repo });
    expect(run.stderr).toContain("wtagents: warning: step review: the review step runs the implementer's own agent");
    await waitSettled(t.taskDir);
    const events = traceEvents(t.taskDir);
    expect(events.find((e) => e.type === 'step.output' && e.step === 'plan')).toMatchObject({ file: 'plan.md', edited: ['plan-scratch.txt'] });
    const ev = runJson<{ risks: { kind: string; detail: string }[] }>(['review', t.id], { cwd: repo });
    expect(ev.risks).toContainEqual(expect.objectContaining({ kind: 'step-edit', detail: expect.stringContaining('the plan step (round 1) must change nothing but changed 1 file: plan-scratch.txt') }));
  });

  it('a single implement step still runs the task packet itself (no step packet)', async () => {
    const repo = makeRepo();
    const t = newTask(repo, ['Add feature.txt', '--agent-command', agent()]);
    expect(runCli(['run', t.id], { cwd: repo }).code).toBe(0);
    await waitSettled(t.taskDir);
    expect(existsSync(path.join(t.taskDir, 'packets/steps'))).toBe(false);
    expect(outputs(traceEvents(t.taskDir))).toEqual([]);
  });
});
