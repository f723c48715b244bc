// Step roles, pure parts: the verdict parser, the role packets, usage per step run, and routing of the
// plan (read-only), fix (the implementer's route, resuming) and review (same-model warning) steps.
import { describe, expect, it } from 'vitest';
import { fixPacket, implementPacket, planPacket, reviewPacket, stepPacketTemplate, summaryPacket, type StepPacketInput } from '../../src/core/step-packets.js';
import { stepUsage, sumUsage } from '../../src/core/step-usage.js';
import type { TraceEvent } from '../../src/core/trace-schema.js';
import { parseVerdict } from '../../src/core/verdict.js';
import { planFixStep } from '../../src/runner/routing.js';
import { config, PACKET, plan, task } from '../helpers/plans.js';

describe('the review verdict', () => {
  it('reads the verdict line in the forms reviewers write, and the findings as items', () => {
    expect(parseVerdict('Verdict: approve\n\n## Findings\n\nnone\n')).toEqual({ verdict: 'approve', items: [] });
    expect(parseVerdict('**Verdict:** `request-changes`\n\n## Findings\n1. a.ts:3 off by one\n   in the loop\n- b.ts: no test\n\n## Notes\n- not an item\n')).toEqual({
      verdict: 'request-changes',
      items: ['a.ts:3 off by one in the loop', 'b.ts: no test'],
    });
    expect(parseVerdict('## Verdict: Request changes').verdict).toBe('request-changes');
    expect(parseVerdict('verdict - ABANDON.').verdict).toBe('abandon');
    // The last verdict line wins; no verdict line is no verdict (never approve).
    expect(parseVerdict('Verdict: approve\n…on second thought\nVerdict: request-changes').verdict).toBe('request-changes');
    expect(parseVerdict('Looks good to me, approve.')).toEqual({ verdict: null, items: [] });
    expect(parseVerdict('Verdict: maybe')).toEqual({ verdict: null, items: [] });
  });

  it('keeps at most 50 findings', () => {
    const many = Array.from({ length: 80 }, (_, i) => `- item ${i}`).join('\n');
    expect(parseVerdict(`Verdict: request-changes\n## Findings\n${many}`).items).toHaveLength(50);
  });
});

describe('role packets', () => {
  const base: StepPacketInput = { taskPacket: '# Task packet: Fix\nDo ```it```\n', title: 'Fix', worktree: '/w', range: 'abc...HEAD' };

  it('gives each role its own instructions and the previous steps\' outputs', () => {
    expect(planPacket(base)).toMatch(/You are the \*\*planner\*\*[\s\S]*Change nothing[\s\S]*## The task packet the implementer will receive/);
    expect(implementPacket(base)).toBe(base.taskPacket); // no plan: the task packet itself
    expect(implementPacket({ ...base, plan: 'STEP-1' })).toMatch(/^# Task packet: Fix[\s\S]*## The plan \(from the plan step, plan.md\)[\s\S]*STEP-1/);
    const review = reviewPacket({ ...base, reviewNo: 2, diff: '+added line\n', diffStat: ' a | 1 +\n', report: 'REPORT-X', checks: { round: 1, finishedAt: 'now', results: [{ cmd: 'npm test', exitCode: 1, durationMs: 5, logTail: 'boom' }] }, maxFixRounds: 1 });
    expect(review).toMatch(/^# Review 2: Fix/);
    expect(review).toContain('adversarial reviewer');
    expect(review).toContain('Verdict: approve | request-changes | abandon');
    expect(review).toContain('+added line');
    expect(review).toContain('`npm test` — failed (exit 1)');
    expect(review).toContain('REPORT-X');
    expect(review).toContain('at most 1 fix round');
    const fix = fixPacket({ ...base, findings: ['a.ts: FIX-ME'], review: 'Verdict: request-changes', plan: 'PLAN-P' });
    expect(fix).toMatch(/## Requested changes\n\n1\. a.ts: FIX-ME/);
    expect(fix).toContain('PLAN-P');
    expect(summaryPacket({ ...base, timeline: ['review: wrote review-01.md, verdict approve'], diffStat: ' a | 1 +' })).toContain('- review: wrote review-01.md, verdict approve');
  });

  it('a huge diff is cut in the review packet, and saying so', () => {
    const review = reviewPacket({ ...base, diff: 'x'.repeat(300 * 1024) });
    expect(review.length).toBeLessThan(260 * 1024);
    expect(review).toContain('(cut at 204800 characters of 307200');
  });

  it('templates name what is filled in when the step starts', () => {
    const t = stepPacketTemplate('review', { ...base, planned: true });
    expect(t).toContain('<git diff abc...HEAD: filled in when the step starts>');
    expect(t).toContain('<plan.md, from the plan step: filled in when the step starts>');
    expect(stepPacketTemplate('implement', { ...base, planned: false })).toBe(base.taskPacket);
  });
});

describe('usage per step run', () => {
  const ev = (seq: number, step: string, e: Record<string, unknown>) => ({ v: 1, ts: 't', task: 'x', seq, round: 1, step, ...e }) as TraceEvent;
  it('counts two runs of one step apart (a run total is per run), partial counts add up', () => {
    const events = [
      ev(1, 'review', { type: 'agent.started', agent: 'claude', model: 'opus' }),
      ev(2, 'review', { type: 'agent.usage', scope: 'run', inputTokens: 10, outputTokens: 1, costUsd: 0.5 }),
      ev(3, 'review', { type: 'agent.usage', scope: 'run', inputTokens: 20, outputTokens: 2, costUsd: 1 }),
      ev(4, 'fix', { type: 'agent.started', agent: 'codex' }),
      ev(5, 'fix', { type: 'agent.session', sessionId: 's', model: 'gpt-5' }),
      ev(6, 'fix', { type: 'agent.usage', scope: 'turn', inputTokens: 5, outputTokens: 5 }),
      ev(7, 'fix', { type: 'agent.usage', scope: 'turn', inputTokens: 5, outputTokens: 5 }),
      ev(8, 'review', { type: 'agent.started', agent: 'claude', model: 'opus' }),
      ev(9, 'review', { type: 'agent.usage', scope: 'run', inputTokens: 7, outputTokens: 1, costUsd: 0.25 }),
      ev(10, 'summary', { type: 'agent.started', agent: 'claude' }),
    ];
    const rows = stepUsage(events);
    expect(rows.map((r) => [r.step, r.model ?? '-', r.inputTokens, r.outputTokens, r.costUsd ?? '-', r.reported])).toEqual([
      ['review', 'opus', 20, 2, 1, true],
      ['fix', 'gpt-5', 10, 10, '-', true],
      ['review', 'opus', 7, 1, 0.25, true],
      ['summary', '-', 0, 0, '-', false],
    ]);
    expect(sumUsage(events)).toEqual({ inputTokens: 37, outputTokens: 13, costUsd: 1.25 });
    expect(sumUsage(events.slice(-1))).toBeNull();
  });
});

describe('routing the roles', () => {
  it('read-only steps run the CLI read-only where it has a mode for it', () => {
    const plans = plan({ config: config({ workflow: ['plan', 'implement', 'review', 'summary'] }), agent: { name: 'claude' } });
    const mode = (argv: string[]) => argv[argv.indexOf('--permission-mode') + 1];
    expect(plans.map((p) => mode(p.argv))).toEqual(['plan', 'acceptEdits', 'plan', 'plan']);
    expect(plans.map((p) => p.argv.filter((a) => a === '--permission-mode').length)).toEqual([1, 1, 1, 1]);
    const codex = plan({ config: config({ workflow: ['plan', 'implement'] }), agent: { name: 'codex' } });
    expect(codex.map((p) => p.argv[p.argv.indexOf('--sandbox') + 1])).toEqual(['read-only', 'workspace-write']);
  });

  it('warns when the reviewer is the implementer\'s own model, not when it is routed elsewhere', () => {
    const same = plan({ config: config({ workflow: ['implement', 'review'] }), agent: { name: 'claude' } });
    expect(same[1]!.notes).toEqual(["the review step runs the implementer's own agent (claude): it reviews its own work; set routes.review to another model"]);
    const routed = plan({ config: config({ workflow: ['implement', 'review'], routes: { review: { agent: 'claude', model: 'claude-opus-4' } } }), agent: { name: 'claude' } });
    expect(routed[1]!.notes).toBeUndefined();
  });

  it('the fix step takes routes.fix, else the implementer\'s route, and resumes its session in round 1', () => {
    const input = { task: task(), packetPath: PACKET, packetText: 'x', round: 1, env: {}, resumeSessionId: 'S-1', resumeAgent: 'claude', agent: { name: 'codex' } };
    const viaImplement = planFixStep({ ...input, config: config({ routes: { implement: { agent: 'claude', model: 'haiku' } } }) });
    expect([viaImplement.step, viaImplement.agent, viaImplement.model, viaImplement.resumed]).toEqual(['fix', 'claude', 'haiku', true]);
    expect(viaImplement.argv).toEqual(expect.arrayContaining(['--resume', 'S-1', '--permission-mode', 'acceptEdits']));
    const own = planFixStep({ ...input, config: config({ routes: { implement: { agent: 'claude' }, fix: { agent: 'codex', model: 'gpt-5' } } }) });
    expect([own.agent, own.model, own.resumed ?? false]).toEqual(['codex', 'gpt-5', false]); // another agent's session is not resumed
  });

  it('a human\'s request-changes round starts at implement', () => {
    const plans = plan({ config: config({ workflow: ['plan', 'implement', 'review', 'summary'] }), agent: { name: 'claude' }, round: 2, fromStep: 'implement' });
    expect(plans.map((p) => p.step)).toEqual(['implement', 'review', 'summary']);
  });
});
