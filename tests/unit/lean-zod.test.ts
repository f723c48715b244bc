// src/core/lean-zod.ts stands in for zod in the supervisor's build: every schema the supervisor loads
// (task record, config, trace events, run records, checks, the run request) is built twice — once with zod,
// once with lean-zod in its place (the same modules, loaded again) — and both must give the same data (same
// keys in the same order, defaults filled, unknown keys stripped or kept) and, for bad input, the same first
// issue (code and path) and the same config error text.
import { afterAll, describe, expect, it, vi } from 'vitest';

const MODULES = {
  task: '../../src/core/task.js',
  config: '../../src/core/config.js',
  trace: '../../src/core/trace-schema.js',
  records: '../../src/store/records.js',
  checks: '../../src/core/checks.js',
  request: '../../src/runner/run-request.js',
} as const;

type Parser = { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: Array<{ code: string; path: PropertyKey[] }> } } };
interface Built {
  TaskRecord: Parser;
  Config: Parser;
  TraceEvent: Parser;
  RunRecord: Parser;
  ChecksFile: Parser;
  RunRequest: Parser;
  parseConfig(json: unknown): unknown;
}

async function load(lean: boolean): Promise<Built> {
  vi.resetModules();
  if (lean) vi.doMock('zod', async () => await import('../../src/core/lean-zod.js'));
  else vi.doUnmock('zod');
  const [task, config, trace, records, checks, request] = await Promise.all(Object.values(MODULES).map((m) => import(/* @vite-ignore */ m)));
  return { TaskRecord: task.TaskRecord, Config: config.Config, TraceEvent: trace.TraceEvent, RunRecord: records.RunRecord, ChecksFile: checks.ChecksFile, RunRequest: request.RunRequest, parseConfig: config.parseConfig };
}
afterAll(() => vi.doUnmock('zod'));

const base = { v: 1, ts: '2026-12-07T18:00:00.000Z', task: 'fix-login', seq: 3, round: 1 };
const task = {
  v: 1, id: 'fix-login', title: 'Fix login', text: 'Fix the login', repo: '/r', base: 'main', baseSha: 'abc', branch: 'wtagents/fix-login', worktree: '/r/w', taskDir: '/r/t',
  mode: 'create', state: 'running', round: 2, createdAt: '2026-12-07T18:00:00.000Z', updatedAt: '2026-12-07T18:01:00.000Z',
  agent: { name: 'claude', command: 'claude' }, processes: { supervisor: { pid: 42, startedAt: 'x' } }, usage: { inputTokens: 5 }, lastExit: { code: null, signal: 'SIGTERM', durationMs: 10 },
  group: { id: 'g', index: 1, of: 3 }, queue: { at: 'q' }, extraField: 'dropped',
};
const { scope: _s, processes: _p, ...bareTask } = { ...task, scope: [] };

const CASES: Array<[keyof Omit<Built, 'parseConfig'>, unknown]> = [
  ['TaskRecord', task],
  ['TaskRecord', bareTask],
  ['TaskRecord', { ...task, scope: ['src/**'], checks: ['npm test'], constraints: ['no deps'], pr: { url: 'u', forge: 'github', remote: 'origin', draft: true, openedAt: 'a', branchTip: 'b' } }],
  ['TaskRecord', { ...task, state: 'nonsense' }],
  ['TaskRecord', { ...task, round: 0 }],
  ['TaskRecord', { ...task, round: 1.5 }],
  ['TaskRecord', { ...task, title: undefined }],
  ['TaskRecord', { ...task, group: { id: 'g', index: '1', of: 3 } }],
  ['TaskRecord', { ...task, usage: { inputTokens: -1 } }],
  ['TaskRecord', []],
  ['Config', {}],
  ['Config', { agents: { mine: { command: ['my-agent', '--x'], format: 'claude', env: { A: 'b' } }, other: 'claude' }, defaultAgent: 'mine', workflow: ['plan', 'implement'], checks: ['npm test'], merge: { squash: true }, hooks: { afterCreate: 'x', beforeMerge: ['a', 'b'] }, budget: { maxCostUsd: 2, maxFixRounds: 2 }, routes: { review: { agent: 'codex', model: 'm', baseUrl: 'http://localhost:8080/v1' } }, runners: { box: { ssh: 'me@box', env: ['HOME'] } }, ports: { from: 2000, to: 3000 }, keys: { quit: ['q', 'x'] } }],
  ['Config', { nope: 1 }],
  ['Config', { prices: { 'impl-model': { inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3 } }, routes: { review: { agent: 'codex', price: { inputPerMTok: 1, outputPerMTok: 5 } } } }],
  ['Config', { prices: { m: { inputPerMTok: -1, outputPerMTok: 1 } } }],
  ['Config', { prices: { m: { inputPerMTok: 1, outputPerMTok: 1, perCall: 2 } } }],
  ['Config', { agents: { mine: { command: [] } } }],
  ['Config', { agents: { mine: 5 } }],
  ['Config', { agents: { mine: { comand: ['x'] } } }],
  ['Config', { routes: { review: { agent: 'codex', baseUrl: 'not a url' } } }],
  ['Config', { runners: { 'bad name!': { ssh: 'h' } } }],
  ['Config', { workflow: [] }],
  ['Config', { sandbox: 'maybe' }],
  ['Config', { ports: { from: 80, to: 3000 } }],
  ['Config', { merge: { squash: true, extra: 1 } }],
  ['TraceEvent', { ...base, type: 'agent.message', text: 'hi', final: true, extra: { kept: 1 } }],
  ['TraceEvent', { ...base, type: 'agent.started', agent: 'claude', command: ['claude', '-p'], pid: null, sandbox: 'bwrap' }],
  ['TraceEvent', { ...base, type: 'agent.tool', name: 'Bash', input: { command: 'ls' }, step: 'implement', raw: '{}' }],
  ['TraceEvent', { ...base, type: 'agent.exited', code: 0, signal: null, durationMs: 5 }],
  ['TraceEvent', { ...base, type: 'agent.usage', inputTokens: 1, scope: 'turn' }],
  ['TraceEvent', { ...base, type: 'agent.usage', inputTokens: 1, costUsd: 0.5, estimated: true, scope: 'run' }],
  ['TraceEvent', { ...base, type: 'budget.exceeded', limit: 'budget.maxCostUsd', figure: 0.3, max: 0.25, estimated: true }],
  ['TraceEvent', { ...base, type: 'task.state', state: 'done' }],
  ['TraceEvent', { ...base, type: 'takeover.finished', exitCode: 0, durationMs: 1, commits: [{ sha: 'a', subject: 's', x: 1 }], leftovers: [] }],
  ['TraceEvent', { ...base, type: 'agent.usage', scope: 'never' }],
  ['TraceEvent', { ...base, type: 'no.such.type' }],
  ['TraceEvent', { ...base, seq: -1, type: 'agent.error', message: 'x' }],
  ['TraceEvent', 'text'],
  ['RunRecord', { v: 1, at: 'a', task: 't', round: 1, kind: 'run.started', sandbox: 'none', supervisorPid: 5, more: true }],
  ['RunRecord', { v: 1, at: 'a', task: 't', round: 1, kind: 'checks', results: [{ cmd: 'npm test', exitCode: 1, log: 'dropped' }] }],
  ['RunRecord', { v: 1, at: 'a', task: 't', round: 1, kind: 'run.finished', state: 'done' }],
  ['ChecksFile', { round: 1, finishedAt: 'f', results: [{ cmd: 'npm test', exitCode: null, durationMs: 3, logTail: '', timedOutSeconds: 5 }] }],
  ['ChecksFile', { round: 1, finishedAt: 'f', results: [{ cmd: 'npm test', exitCode: 0, durationMs: -3, logTail: '' }] }],
  ['RunRequest', { round: 1, packet: '/p', setup: true, plans: [{ step: 'implement', agent: 'a', argv: ['a'], env: { K: 'v' }, secretEnv: [], format: 'text', packetOnStdin: true, files: [{ path: 'p', content: 'c' }] }] }],
  ['RunRequest', { round: 1, packet: '/p', setup: true, plans: [] }],
];

describe('lean-zod against zod', () => {
  it('gives the same data and the same first issue for every schema the supervisor loads', async () => {
    const real = await load(false);
    const lean = await load(true);
    expect(lean.TaskRecord).not.toBe(real.TaskRecord);
    expect(lean.TaskRecord.constructor.name).not.toBe(real.TaskRecord.constructor.name); // really two implementations
    let failures = 0;
    for (const [schema, input] of CASES) {
      const a = real[schema].safeParse(input);
      const b = lean[schema].safeParse(input);
      const what = `${schema} ${JSON.stringify(input)}`;
      expect(b.success, what).toBe(a.success);
      if (a.success) expect(JSON.stringify(b.data), what).toBe(JSON.stringify(a.data));
      else {
        failures++;
        const first = (r: typeof a) => ({ code: r.error!.issues[0]!.code, path: r.error!.issues[0]!.path });
        expect(first(b), what).toEqual(first(a));
      }
      if (schema === 'Config') expect(lean.parseConfig(input), what).toEqual(real.parseConfig(input));
    }
    expect(failures).toBeGreaterThan(10);
  });

  it('fills defaults with fresh values: one parse cannot change what the next gets', async () => {
    const lean = await load(true);
    const a = lean.Config.safeParse({}).data as { checks: string[] };
    a.checks.push('changed');
    expect((lean.Config.safeParse({}).data as { checks: string[] }).checks).toEqual([]);
  });
});
