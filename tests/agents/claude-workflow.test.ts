// The real claude CLI through a whole workflow, each step on its own model route: plan → implement → review
// (asks for changes) → fix (resumes the implementer's session) → review (approves) → summary.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../src/core/task.js';
import { git } from '../helpers/repo.js';
import { cli, events, explain, gatewayUrl, KEY_ENV, makeWorld, newAndRun, type World } from './harness.js';
import { report, runShell, writeFile } from './model-server/index.js';

describe('claude (real CLI): a workflow with roles', () => {
  let w: World;
  let t: TaskRecord;
  beforeAll(async () => {
    w = await makeWorld({
      script: { turns: [{ text: 'unexpected model' }] },
      scripts: {
        'plan-model': { turns: [{ text: '## Steps\n1. PLAN-MARKER-42: write flow.txt, commit it.\n## Files\nflow.txt\n## Risks\nnone\n## How to verify\ntest -f flow.txt' }] },
        'impl-model': {
          turns: [
            { calls: [writeFile('flow.txt', 'one\n')] },
            { calls: [runShell("git add flow.txt && git commit -qm 'Add flow.txt'")] },
            report({ summary: 'Added flow.txt.', files: ['flow.txt'] }),
            { calls: [writeFile('flow.txt', 'one\ntwo\n')] },
            { calls: [runShell("git commit -qam 'flow.txt: second line'")] },
            report({ summary: 'Added the second line the reviewer asked for.', files: ['flow.txt'] }),
          ],
        },
        'review-model': {
          turns: [
            { text: 'Verdict: request-changes\n\n## Findings\n\n1. flow.txt: FINDING-7 add a second line "two"\n\n## Notes\nnone' },
            { text: 'Verdict: approve\n\n## Findings\n\nnone\n\n## Notes\nthe second line is there' },
          ],
        },
        'sum-model': { turns: [{ text: 'Handoff: flow.txt has two lines; one fix round; the reviewer approves.' }] },
      },
      config: (s) => ({
        gateway: { baseUrl: gatewayUrl(s), apiKeyEnv: KEY_ENV },
        workflow: ['plan', 'implement', 'review', 'summary'],
        checks: ['test -f flow.txt'],
        routes: {
          plan: { agent: 'claude', model: 'plan-model' },
          implement: { agent: 'claude', model: 'impl-model' },
          review: { agent: 'claude', model: 'review-model' },
          summary: { agent: 'claude', model: 'sum-model' },
        },
      }),
    });
    t = await newAndRun(w, 'claude', 'Write flow.txt and commit it.');
  }, 300_000);
  afterAll(async () => w?.close());

  it('runs every role with its packet; the plan reaches the implementer, the findings reach the fix', () => {
    expect(t.state, explain(t, w)).toBe('done');
    const started = events(t, 'agent.started').map((e) => `${e.step}:${(e as { model?: string }).model}`);
    expect(started).toEqual(['plan:plan-model', 'implement:impl-model', 'review:review-model', 'fix:impl-model', 'review:review-model', 'summary:sum-model']);
    const reqs = w.server.agentRequests();
    const impl = reqs.filter((r) => r.model === 'impl-model');
    expect(impl[0]!.userTexts.join('\n')).toContain('PLAN-MARKER-42');
    expect(impl.some((r) => r.userTexts.join('\n').includes('FINDING-7'))).toBe(true);
    // The plan step ran read-only (Claude's plan mode), the review saw the diff.
    expect((events(t, 'agent.started')[0] as { command?: string[] }).command).toEqual(expect.arrayContaining(['--permission-mode', 'plan']));
    expect(reqs.filter((r) => r.model === 'review-model')[0]!.userTexts.join('\n')).toContain('+one');
    expect(events(t, 'step.output').map((e) => `${(e as { file: string }).file}:${(e as { verdict?: string | null }).verdict ?? ''}`)).toEqual(['plan.md:', 'review-01.md:request-changes', 'review-02.md:approve', 'summary.md:']);
    expect(git(w.repo, ['show', `${t.branch}:flow.txt`])).toBe('one\ntwo\n');
    expect(readFileSync(path.join(t.taskDir, 'summary.md'), 'utf8')).toContain('Handoff');
    const logs = cli(w, ['logs', t.id]).stdout;
    process.stdout.write(`\n--- claude workflow trace (excerpt) ---\n${logs.split('\n').filter((l) => /agent\.started|step\.output|check\.finished|agent\.exited|task\.state|agent\.usage/.test(l)).join('\n')}\n`);
  });
});
