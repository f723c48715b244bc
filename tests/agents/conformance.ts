// The conformance suite for one real agent CLI: a task run from the main checkout through its preset against the
// scripted model server, a request-changes round that resumes the session, and a two-step workflow on two routes.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git } from '../helpers/repo.js';
import { readRecord } from '../helpers/run.js';
import type { TaskRecord } from '../../src/core/task.js';
import { cli, events, explain, gatewayUrl, KEY, KEY_ENV, makeWorld, newAndRun, requestChanges, type World } from './harness.js';
import { report, runShell, writeFile, type Script } from './model-server/index.js';
import { recordStream } from './record.js';

export interface AgentSpec {
  agent: 'claude' | 'codex' | 'gemini' | 'opencode';
  /** A model the route must name (opencode cannot pick one of the gateway's models itself). */
  model?: string;
  /** The exit code the trace shows for the failing command: a number, or null where the CLI's stream has none. */
  failedExit: number | null;
  /** The CLI reports a cost (in USD) in its stream. */
  reportsCost: boolean;
}

const FAILING = 'ls no-such-file-here';
const COMMIT = "test -f stub.txt && git add stub.txt && git commit -qm 'Add stub.txt' && echo committed-stub";

/** Round 1: write, commit, a failing command, the report; round 2 (after feedback): another file and commit. */
export const SESSION_SCRIPT: Script = {
  turns: [
    { text: 'I will add stub.txt.', calls: [writeFile('stub.txt', 'stub\n')] },
    { calls: [runShell(COMMIT)] },
    { calls: [runShell(FAILING)] },
    report({ summary: 'Added stub.txt and committed it.', files: ['stub.txt'], commands: [COMMIT, FAILING], recommendation: 'merge — stub.txt is committed.' }),
    { text: 'Adding round2.txt as asked.', calls: [writeFile('round2.txt', 'two\n')] },
    { calls: [runShell("git add round2.txt && git commit -qm 'Add round2.txt' && echo committed-round2")] },
    report({ summary: 'Added round2.txt.', files: ['round2.txt'], recommendation: 'merge' }),
  ],
};

/** A task from the main checkout, its commit, its commands, its report and usage, and a resumed second round. */
export function describeAgent(spec: AgentSpec): void {
  const { agent } = spec;
  const route = spec.model ? { routes: { implement: { agent, model: spec.model } } } : {};

  describe(`${agent} (real CLI) through its preset`, () => {
    let w: World;
    let t: TaskRecord;
    beforeAll(async () => {
      w = await makeWorld({ script: SESSION_SCRIPT, config: (s) => ({ gateway: { baseUrl: gatewayUrl(s), apiKeyEnv: KEY_ENV }, ...route }) });
      t = await newAndRun(w, agent, 'Add stub.txt and commit it.');
      recordStream(agent, t, 1);
    });
    afterAll(async () => w?.close());

    it('reaches the gateway with its key; the edit lands as a commit on wtagents/<id>; main and the main checkout are untouched', () => {
      expect(t.state, explain(t, w)).toBe('done');
      const agentReqs = w.server.agentRequests();
      expect(agentReqs.length, explain(t, w)).toBeGreaterThanOrEqual(4);
      expect(agentReqs.every((r) => r.auth.key === KEY)).toBe(true);
      if (spec.model) expect(agentReqs.every((r) => r.model === spec.model)).toBe(true);
      // The agent worked in its worktree (the path the CLI told the model), not in the main checkout.
      const cwds = [...new Set(agentReqs.map((r) => r.cwd).filter(Boolean))];
      expect(cwds.length === 0 || cwds.every((c) => c === t.worktree), `cwds ${cwds.join(', ')}`).toBe(true);
      expect(git(w.repo, ['log', '--format=%s', `main..${t.branch}`]).trim().split('\n')).toEqual(['Add stub.txt']);
      expect(git(w.repo, ['show', `${t.branch}:stub.txt`])).toBe('stub\n');
      expect(git(w.repo, ['rev-parse', 'refs/heads/main']).trim()).toBe(w.before.main);
      expect(git(w.repo, ['rev-parse', 'HEAD']).trim()).toBe(w.before.head);
      expect(git(w.repo, ['status', '--porcelain'])).toBe(w.before.status);
      expect(existsSync(path.join(w.repo, 'stub.txt'))).toBe(false);
      expect(git(t.worktree, ['status', '--porcelain'])).toBe('');
    });

    it('its shell commands ran, with exit codes in the trace and the failure visible in logs', () => {
      const cmds = events(t, 'agent.command', 1) as { cmd: string; exitCode?: number | null; output?: string }[];
      const commit = cmds.find((c) => c.cmd.includes('committed-stub'));
      const failing = cmds.find((c) => c.cmd.includes('no-such-file-here'));
      expect(commit, JSON.stringify(cmds)).toBeDefined();
      expect(commit!.exitCode ?? 0).toBe(0);
      expect(failing, JSON.stringify(cmds)).toBeDefined();
      if (spec.failedExit === null) expect(failing!.exitCode ?? null).toBeNull();
      else expect(failing!.exitCode).toBe(spec.failedExit);
      // The tool results the model got back carry the command's real output.
      expect(w.server.agentRequests().at(-1)!.toolResults.join('\n')).toMatch(/committed-stub/);
      const logs = cli(w, ['logs', t.id]);
      expect(logs.stdout).toContain('no-such-file-here');
      expect(logs.stdout).toMatch(/No such file or directory/);
    });

    it('the report and recommendation are parsed; session, model and usage are in the trace', () => {
      const ev = JSON.parse(cli(w, ['review', t.id, '--json']).stdout);
      expect(ev.report.sections['Summary of changes']).toContain('Added stub.txt');
      expect(ev.report.recommendation.verdict).toBe('merge');
      const sessions = events(t, 'agent.session', 1) as { sessionId: string; model?: string }[];
      expect(sessions.length).toBeGreaterThanOrEqual(1);
      expect(readRecord(t.taskDir).sessionId).toBe(sessions.at(-1)!.sessionId);
      const usage = events(t, 'agent.usage', 1) as { inputTokens?: number; outputTokens?: number; costUsd?: number }[];
      expect(usage.reduce((n, u) => n + (u.inputTokens ?? 0) + (u.outputTokens ?? 0), 0)).toBeGreaterThan(0);
      if (spec.reportsCost) expect(usage.some((u) => (u.costUsd ?? 0) > 0), JSON.stringify(usage)).toBe(true);
      const models = [...sessions.map((s) => s.model), ...(events(t, 'agent.started', 1) as { model?: string }[]).map((s) => s.model)].filter(Boolean);
      if (spec.model) expect(models).toContain(`wtagents/${spec.model}`);
      else if (agent === 'claude') expect(models.length).toBeGreaterThan(0);
    });

    it('a request-changes round resumes the same session: the server sees the earlier turns', async () => {
      const first = w.server.agentRequests().length;
      const sessionId = readRecord(t.taskDir).sessionId;
      const t2 = await requestChanges(w, t, 'Also add round2.txt and commit it.');
      recordStream(agent, t2, 2);
      expect(t2.state, explain(t2, w)).toBe('done');
      expect(t2.sessionId).toBe(sessionId);
      const round2 = w.server.agentRequests().slice(first);
      expect(round2.length).toBeGreaterThanOrEqual(1);
      // The first request of round 2 carries round 1's conversation: its packet, its tool results and its report.
      const r = round2[0]!;
      expect(r.userTexts.join('\n')).toContain('Add stub.txt and commit it.');
      expect(r.userTexts.join('\n')).toContain('Also add round2.txt');
      expect(r.toolResults.join('\n')).toContain('committed-stub');
      expect(r.assistantTexts.join('\n')).toContain('Added stub.txt and committed it.');
      expect(git(w.repo, ['log', '--format=%s', `main..${t.branch}`]).trim().split('\n')).toEqual(['Add round2.txt', 'Add stub.txt']);
      expect(git(w.repo, ['rev-parse', 'refs/heads/main']).trim()).toBe(w.before.main);
    });
  });

}

/** A plan step and an implement step on two routes (own model each, own key for one): each request carries its route's. */
export function describeAgentRoutes(spec: AgentSpec): void {
  const { agent } = spec;
  describe(`${agent} (real CLI): each workflow step on its own route`, () => {
    let w: World;
    let t: TaskRecord;
    const PLAN_KEY_ENV = 'WTAGENTS_TEST_PLAN_KEY';
    beforeAll(async () => {
      const planScript: Script = { turns: [{ text: 'Plan: add routed.txt and commit it. Nothing else.' }] };
      const implScript: Script = { turns: [{ calls: [writeFile('routed.txt', 'routed\n')] }, { calls: [runShell("git add routed.txt && git commit -qm 'Add routed.txt'")] }, report({ summary: 'Added routed.txt.' })] };
      w = await makeWorld({
        script: { turns: [{ text: 'unexpected model' }] },
        scripts: { 'plan-model': planScript, 'impl-model': implScript },
        env: { [PLAN_KEY_ENV]: 'plan-key-2' },
        config: (s) => ({
          gateway: { baseUrl: gatewayUrl(s), apiKeyEnv: KEY_ENV },
          workflow: ['plan', 'implement'],
          routes: {
            plan: { agent, model: 'plan-model', baseUrl: gatewayUrl(s), apiKeyEnv: PLAN_KEY_ENV },
            implement: { agent, model: 'impl-model' },
          },
        }),
      });
      t = await newAndRun(w, agent, 'Add routed.txt and commit it.');
    });
    afterAll(async () => w?.close());

    it("each step's requests carry its route's model and key", () => {
      expect(t.state, explain(t, w)).toBe('done');
      const reqs = w.server.agentRequests();
      const plan = reqs.filter((r) => r.model === 'plan-model');
      const impl = reqs.filter((r) => r.model === 'impl-model');
      expect(plan.length, explain(t, w)).toBeGreaterThanOrEqual(1);
      expect(impl.length).toBeGreaterThanOrEqual(3);
      expect(reqs.length).toBe(plan.length + impl.length);
      expect(plan.every((r) => r.auth.key === 'plan-key-2')).toBe(true);
      expect(impl.every((r) => r.auth.key === KEY)).toBe(true);
      expect(plan.at(-1)!.seq).toBeLessThan(impl[0]!.seq);
      expect(git(w.repo, ['show', `${t.branch}:routed.txt`])).toBe('routed\n');
      expect(readFileSync(path.join(t.taskDir, 'trace.jsonl'), 'utf8')).toContain('"step":"plan"');
    });
  });
}
