// The runner with the real adapters, presets and routing, end to end: fixture agents that speak Claude
// and Codex streams, a fake `claude` on PATH run as the preset, a two-step workflow, and a gateway route.
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/core/trace-schema.js';
import { runCli, runJson } from '../helpers/cli.js';
import { git, makeRepo, tempDir } from '../helpers/repo.js';
import { FIXTURES, fixture, newTask, readRecord, traceEvents, waitFor, waitSettled } from '../helpers/run.js';

type Ev = TraceEvent & Record<string, unknown>;

function events(taskDir: string, type: string, round = 1): Ev[] {
  return traceEvents(taskDir).filter((e) => e.type === type && e.round === round) as Ev[];
}

/** The repository config; unsandboxed: the fake CLIs record their argv, stdin and env outside the worktree. */
function writeConfig(repo: string, config: object): void {
  mkdirSync(path.join(repo, '.wtagents'), { recursive: true });
  writeFileSync(path.join(repo, '.wtagents', 'config.json'), JSON.stringify({ sandbox: 'none', ...config }, null, 2));
}

/** A directory holding `claude` (the fake-claude fixture), to put first on PATH; and where it records its runs. */
function fakeClaudeOnPath(): { env: NodeJS.ProcessEnv; log: string } {
  const dir = tempDir('fake-bin-');
  mkdirSync(path.join(dir, 'bin'));
  symlinkSync(path.join(FIXTURES, 'fake-claude.sh'), path.join(dir, 'bin', 'claude'));
  const log = path.join(dir, 'log');
  return { env: { PATH: `${path.join(dir, 'bin')}:${process.env.PATH}`, FAKE_AGENT_LOG: log }, log };
}

const recorded = (log: string, n: number, what: 'argv' | 'stdin' | 'env') => readFileSync(path.join(log, `${n}.${what}`), 'utf8');
const envOf = (log: string, n: number) => Object.fromEntries(recorded(log, n, 'env').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

describe('run with stream formats', () => {
  it('--format claude: session, tools, usage and messages in the trace (raw kept), usage and session in task.json, report.md', async () => {
    const repo = makeRepo();
    const t = newTask(repo, ['Claude stream', '--agent-command', fixture('fake-claude.sh'), '--format', 'claude', '--check', 'test -f fake.txt', '--run']);
    const rec = await waitSettled(t.taskDir);
    expect(rec.state).toBe('done');

    const session = events(t.taskDir, 'agent.session');
    expect(session).toHaveLength(1);
    expect(session[0]).toMatchObject({ step: 'implement', sessionId: expect.stringMatching(/^fake-session-\d+$/), model: 'fake-claude-model' });
    expect(String(session[0]!.raw)).toContain('"subtype":"init"');
    expect(rec.sessionId).toBe(session[0]!.sessionId);
    expect(rec.usage).toEqual({ inputTokens: 120, outputTokens: 30, costUsd: 0.0125 });

    expect(events(t.taskDir, 'agent.message')).toEqual([expect.objectContaining({ step: 'implement', text: 'Working on implement.', raw: expect.stringContaining('msg_1') })]);
    const tools = events(t.taskDir, 'agent.tool');
    expect(tools.map((e) => [e.name, e.status])).toEqual([['Bash', 'started'], ['Read', 'started'], ['Read', 'completed']]);
    expect(tools.every((e) => typeof e.raw === 'string' && e.step === 'implement')).toBe(true);
    expect(events(t.taskDir, 'agent.command')).toEqual([expect.objectContaining({ cmd: 'git log --oneline', exitCode: 0, output: 'abc123 fake claude' })]);
    const usage = events(t.taskDir, 'agent.usage');
    // The model call's tokens as it came (no cost yet), then the result's run total (which wins: task.json above).
    expect(usage).toEqual([
      expect.objectContaining({ scope: 'call', inputTokens: 7, outputTokens: 3 }),
      expect.objectContaining({ scope: 'run', inputTokens: 120, cachedTokens: 20, outputTokens: 30, costUsd: 0.0125, raw: expect.stringContaining('"type":"result"') }),
    ]);
    expect(usage[0]!.costUsd).toBeUndefined();
    expect(events(t.taskDir, 'agent.output')).toEqual([]);

    expect(readFileSync(path.join(t.taskDir, 'report.md'), 'utf8')).toBe('## Summary of changes\nFake claude did implement in round 1.\n## Merge recommendation\nmerge\n');
    expect(git(t.worktree, ['log', '-1', '--format=%s']).trim()).toBe('fake claude: implement, round 1');
  });

  it('--format codex: thread id as the session, usage as running totals (no cost), the last message as the report; a resumed round counts its share', async () => {
    const repo = makeRepo();
    const t = newTask(repo, ['Codex stream', '--agent-command', fixture('fake-codex.sh'), '--format', 'codex', '--run']);
    const rec = await waitSettled(t.taskDir);
    expect(rec.state).toBe('done');
    expect(rec.sessionId).toBe('thread-fake-1');
    expect(rec.usage).toEqual({ inputTokens: 3000, outputTokens: 120 });
    expect(events(t.taskDir, 'agent.usage').map((e) => [e.scope, e.inputTokens, e.outputTokens])).toEqual([['run', 1000, 50], ['run', 3000, 120]]);
    expect(events(t.taskDir, 'agent.command')).toEqual([expect.objectContaining({ cmd: 'bash -lc ls', exitCode: 0, raw: expect.stringContaining('item_1') })]);
    expect(events(t.taskDir, 'agent.file_edit')).toEqual([expect.objectContaining({ paths: ['codex.txt'] })]);
    expect(readFileSync(path.join(t.taskDir, 'report.md'), 'utf8')).toBe('## Summary of changes\nAppended to codex.txt.\n## Merge recommendation\nmerge\n');

    // Round 2 resumes the thread: codex reports the session's totals (4000, then 6000); only this round's share counts.
    expect(runCli(['run', t.id, '--feedback', 'again'], { cwd: repo }).code).toBe(0);
    await waitFor('round 2 to end', () => readRecord(t.taskDir).round === 2 && readRecord(t.taskDir).state === 'done' && !readRecord(t.taskDir).processes.supervisor);
    const round2 = events(t.taskDir, 'agent.usage', 2);
    expect(round2.map((e) => [e.scope, e.inputTokens, e.outputTokens, e.cachedTokens])).toEqual([['run', 1000, 50, 400], ['run', 3000, 120, 1900]]);
    expect(readRecord(t.taskDir).usage).toEqual({ inputTokens: 6000, outputTokens: 240 });
    expect(runJson<{ usage: unknown }>(['review', t.id], { cwd: repo }).usage).toEqual({ inputTokens: 6000, outputTokens: 240 });
  });
});

describe('run a preset agent', () => {
  it('--agent claude runs the claude on PATH with the preset args and packet 01; --feedback resumes its session with packet 02', async () => {
    const repo = makeRepo();
    writeConfig(repo, {});
    const { env, log } = fakeClaudeOnPath();
    const t = newTask(repo, ['Preset claude']);
    const r1 = runCli(['run', t.id, '--agent', 'claude'], { cwd: repo, env });
    expect(r1.stderr).toBe('');
    expect(r1.code).toBe(0);
    const rec1 = await waitSettled(t.taskDir);
    expect(rec1.state).toBe('done');
    expect(rec1.agent).toEqual({ name: 'claude' });
    const argv1 = recorded(log, 1, 'argv').trimEnd().split('\n');
    expect(argv1.slice(0, 8)).toEqual(['-p', '--output-format', 'stream-json', '--verbose', '--permission-mode', 'acceptEdits', '--allowedTools', 'Bash']);
    expect(argv1.slice(8, 9)).toEqual(['--session-id']);
    const session = argv1[9]!;
    expect(session).toMatch(/^[0-9a-f-]{36}$/);
    expect(rec1.sessionId).toBe(session);
    expect(recorded(log, 1, 'stdin')).toBe(readFileSync(path.join(t.taskDir, 'packets/01-background-agent.md'), 'utf8'));
    // The plan pre-assigned the session and the stream confirmed it: one agent.session event, not two.
    expect(events(t.taskDir, 'agent.session').map((e) => e.sessionId)).toEqual([session]);

    const r2 = runCli(['run', t.id, '--feedback', 'Say round 2 too.'], { cwd: repo, env });
    expect(r2.code, r2.stderr).toBe(0);
    const rec2 = await waitSettled(t.taskDir);
    expect(rec2).toMatchObject({ state: 'done', round: 2, sessionId: session });
    const argv2 = recorded(log, 2, 'argv').trimEnd().split('\n');
    expect(argv2.slice(8)).toEqual(['--resume', session]);
    const packet2 = readFileSync(path.join(t.taskDir, 'packets/02-request-changes.md'), 'utf8');
    expect(packet2).toContain('Say round 2 too.');
    expect(recorded(log, 2, 'stdin')).toBe(packet2);
    expect(readFileSync(path.join(t.taskDir, 'report.md'), 'utf8')).toContain('Fake claude did implement in round 2.');
    expect(rec2.usage).toEqual({ inputTokens: 240, outputTokens: 60, costUsd: 0.025 });

    // Another agent in round 3 is not handed claude's session.
    const r3 = runCli(['run', t.id, '--feedback', 'Once more.', '--agent-command', fixture('fake-claude.sh'), '--format', 'claude'], { cwd: repo, env });
    expect(r3.code, r3.stderr).toBe(0);
    const rec3 = await waitSettled(t.taskDir);
    expect(rec3).toMatchObject({ state: 'done', round: 3, sessionAgent: 'command' });
    expect(envOf(log, 3).WTAGENTS_RESUME_SESSION_ID).toBeUndefined();
    expect(rec3.sessionId).toMatch(/^fake-session-\d+$/);
  });
});

describe('a workflow of two steps', () => {
  it('runs implement then review in the same worktree, each event with its step; round 2 resumes the implement session only', async () => {
    const repo = makeRepo();
    const { env, log } = fakeClaudeOnPath();
    writeConfig(repo, {
      agents: {
        builder: { command: ['bash', path.join(FIXTURES, 'fake-claude.sh')], format: 'claude' },
        checker: { command: ['bash', path.join(FIXTURES, 'fake-codex.sh')], format: 'codex' },
      },
      workflow: ['implement', 'review'],
      routes: { implement: { agent: 'builder' }, review: { agent: 'checker' } },
      checks: ['test -f fake.txt', 'test -f codex.txt'],
    });
    const t = newTask(repo, ['Two steps', '--run'], env);
    const rec = await waitSettled(t.taskDir);
    expect(rec.state).toBe('done');

    const trace = traceEvents(t.taskDir);
    const agentEvents = trace.filter((e) => e.type.startsWith('agent.'));
    const steps = agentEvents.map((e) => e.step);
    expect(steps.every((s) => s === 'implement' || s === 'review')).toBe(true);
    expect(steps.lastIndexOf('implement')).toBeLessThan(steps.indexOf('review'));
    expect(agentEvents.filter((e) => e.type === 'agent.started').map((e) => [e.step, (e as Ev).agent])).toEqual([['implement', 'builder'], ['review', 'checker']]);
    expect(agentEvents.filter((e) => e.type === 'agent.session').map((e) => [e.step, (e as Ev).sessionId])).toEqual([
      ['implement', expect.stringMatching(/^fake-session-/)],
      ['review', 'thread-fake-1'],
    ]);
    expect(git(t.worktree, ['log', '--format=%s', '-2']).trim().split('\n')).toEqual(['fake codex: round 1', 'fake claude: implement, round 1']);
    // This reviewer commits (a review must change nothing): flagged, and the checks run again after it.
    expect(trace.find((e) => e.type === 'step.output')).toMatchObject({ step: 'review', file: 'review-01.md', verdict: null, edited: ['codex.txt'] });
    expect(trace.filter((e) => e.type === 'check.finished').length).toBe(4);
    expect(trace.at(-1)).toMatchObject({ type: 'task.state', state: 'done', reason: 'agent exited 0, all checks passed; reviewer: no verdict (review-01.md)' });
    // Both steps' usage adds up; the report is the implementer's, the review's words are review-01.md.
    expect(rec.usage).toEqual({ inputTokens: 3120, outputTokens: 150, costUsd: 0.0125 });
    expect(readFileSync(path.join(t.taskDir, 'report.md'), 'utf8')).toContain('Fake claude did implement in round 1.');
    expect(readFileSync(path.join(t.taskDir, 'review-01.md'), 'utf8')).toContain('Appended to codex.txt.');
    // The session the next round resumes is the implement step's, not the last step's.
    const implementSession = (agentEvents.find((e) => e.type === 'agent.session') as Ev).sessionId as string;
    expect(rec.sessionId).toBe(implementSession);

    expect(runCli(['run', t.id, '--feedback', 'Again please.'], { cwd: repo, env }).code).toBe(0);
    const rec2 = await waitSettled(t.taskDir);
    expect(rec2).toMatchObject({ state: 'done', round: 2 });
    expect(envOf(log, 2).WTAGENTS_RESUME_SESSION_ID).toBe(implementSession);
    expect(envOf(log, 2).WTAGENTS_STEP).toBe('implement');
    expect(events(t.taskDir, 'agent.started', 2).map((e) => e.step)).toEqual(['implement', 'review']);
    // The command agent took the session it was told to resume: the task keeps it.
    expect(events(t.taskDir, 'agent.session', 2).map((e) => [e.step, e.sessionId])).toEqual([['implement', implementSession], ['review', 'thread-fake-1']]);
    expect(readRecord(t.taskDir)).toMatchObject({ sessionId: implementSession, sessionAgent: 'builder' });
  });

  it('stops at a failing first step: the second never runs, the checks still do, the task is failed', async () => {
    const repo = makeRepo();
    writeConfig(repo, {
      agents: { breaker: { command: ['bash', path.join(FIXTURES, 'fail.sh')] }, checker: { command: ['bash', path.join(FIXTURES, 'fake-codex.sh')], format: 'codex' } },
      workflow: ['implement', 'review'],
      routes: { implement: { agent: 'breaker' }, review: { agent: 'checker' } },
      checks: ['true'],
    });
    const t = newTask(repo, ['Broken first step', '--run']);
    const rec = await waitSettled(t.taskDir);
    expect(rec.state).toBe('failed');
    expect(events(t.taskDir, 'agent.started').map((e) => e.step)).toEqual(['implement']);
    expect(events(t.taskDir, 'check.finished')).toHaveLength(1);
    expect(traceEvents(t.taskDir).at(-1)).toMatchObject({ type: 'task.state', state: 'failed', reason: 'implement: agent exited 3' });
  });
});

describe('a route through a gateway', () => {
  it("gives the CLI its own base-URL and key variables; run --print masks the key; the key is written nowhere", async () => {
    const repo = makeRepo();
    const { env, log } = fakeClaudeOnPath();
    const key = 'sk-ant-test-0123456789abcdef';
    const gwEnv = { ...env, TEST_GATEWAY_KEY: key };
    writeConfig(repo, {
      defaultAgent: 'claude',
      gateway: { baseUrl: 'https://gateway.example.test/anthropic', apiKeyEnv: 'TEST_GATEWAY_KEY' },
      routes: { implement: { agent: 'claude', model: 'gw-model-1' } },
    });
    const t = newTask(repo, ['Through the gateway']);

    const shown = runCli(['run', t.id, '--print'], { cwd: repo, env: gwEnv });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('ANTHROPIC_AUTH_TOKEN=***');
    expect(shown.stdout).toContain("ANTHROPIC_BASE_URL=https://gateway.example.test/anthropic");
    expect(shown.stdout).toContain('--model gw-model-1');
    const json = runCli(['run', t.id, '--print', '--json'], { cwd: repo, env: gwEnv });
    expect(json.code).toBe(0);
    for (const out of [shown.stdout, json.stdout]) expect(out).not.toContain(key);

    const missing = runCli(['run', t.id], { cwd: repo, env: { ...env, TEST_GATEWAY_KEY: '' } });
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('gateway.apiKeyEnv: environment variable TEST_GATEWAY_KEY is not set') });

    expect(runCli(['run', t.id], { cwd: repo, env: gwEnv }).code).toBe(0);
    const rec = await waitSettled(t.taskDir);
    expect(rec.state).toBe('done');
    const seen = envOf(log, 1);
    expect(seen.ANTHROPIC_BASE_URL).toBe('https://gateway.example.test/anthropic');
    expect(seen.ANTHROPIC_AUTH_TOKEN).toBe(key);
    expect(recorded(log, 1, 'argv')).toContain('--model\ngw-model-1\n');
    expect(seen.WTAGENTS_RUN).toBeUndefined();
    expect(events(t.taskDir, 'agent.started')[0]).toMatchObject({ model: 'gw-model-1' });
    for (const file of filesUnder(t.taskDir)) expect(readFileSync(file, 'utf8'), file).not.toContain(key);
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && !path.join(d.parentPath, d.name).includes(`${path.sep}worktrees${path.sep}`))
    .map((d) => path.join(d.parentPath, d.name))
    .filter((f) => existsSync(f));
}
