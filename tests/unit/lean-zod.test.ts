// src/core/lean-zod.ts stands in for zod in every build of dist/ (scripts/bundle.mjs leanZod): every schema the
// product has (task record, config, trace events, run records, checks, the run request, decision records,
// line comments) is built twice — once with zod, once with lean-zod in its place (the same modules, loaded
// again) — and both must give the same data (same keys in the same order, defaults filled, unknown keys
// stripped or kept) and, for bad input, the same issues (code, path and message: task.json's error shows the
// message) and the same config error text. tests/unit/lean-zod-texts.test.ts holds the error texts users see.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { loadSchemas, SCHEMA_MODULES, type Schemas } from '../helpers/lean-zod.js';

afterAll(() => vi.doUnmock('zod'));

const base = { v: 1, ts: '2026-12-07T18:00:00.000Z', task: 'fix-login', seq: 3, round: 1 };
const task = {
  v: 1, id: 'fix-login', title: 'Fix login', text: 'Fix the login', repo: '/r', base: 'main', baseSha: 'abc', branch: 'wtagents/fix-login', worktree: '/r/w', taskDir: '/r/t',
  mode: 'create', state: 'running', round: 2, createdAt: '2026-12-07T18:00:00.000Z', updatedAt: '2026-12-07T18:01:00.000Z',
  agent: { name: 'claude', command: 'claude' }, processes: { supervisor: { pid: 42, startedAt: 'x' } }, usage: { inputTokens: 5 }, lastExit: { code: null, signal: 'SIGTERM', durationMs: 10 },
  group: { id: 'g', index: 1, of: 3 }, queue: { at: 'q' }, extraField: 'dropped',
};
const { scope: _s, processes: _p, ...bareTask } = { ...task, scope: [] };
const decision = { v: 1, task: 'fix-login', decision: 'merge', outcome: 'merged', at: '2026-12-07T18:02:00.000Z', round: 1, branch: 'wtagents/fix-login' };
const nested = { path: 'vendor/x', kind: 'repo', head: null, files: 3, tracked: false, copy: 'review/nested/x' };
const comment = { file: 'src/a.ts', line: 12, side: 'new', text: 'why?', code: [' a', '+b', ' c'], at: 1, createdAt: 'c', updatedAt: 'u' };

const CASES: Array<[keyof Omit<Schemas, 'parseConfig'>, unknown]> = [
  ['TaskRecord', task],
  ['TaskRecord', bareTask],
  ['TaskRecord', { ...task, scope: ['src/**'], checks: ['npm test'], constraints: ['no deps'], pr: { url: 'u', forge: 'github', remote: 'origin', draft: true, openedAt: 'a', branchTip: 'b' } }],
  ['TaskRecord', { ...task, state: 'nonsense' }],
  ['TaskRecord', { ...task, v: 2 }],
  ['TaskRecord', { ...task, id: '' }],
  ['TaskRecord', { ...task, round: 0 }],
  ['TaskRecord', { ...task, round: 1.5 }],
  ['TaskRecord', { ...task, round: '1' }],
  ['TaskRecord', { ...task, title: undefined }],
  ['TaskRecord', { ...task, title: null }],
  ['TaskRecord', { ...task, group: { id: 'g', index: '1', of: 3 } }],
  ['TaskRecord', { ...task, usage: { inputTokens: -1 } }],
  ['TaskRecord', { ...task, scope: 'src' }],
  ['TaskRecord', { ...task, processes: { supervisor: { pid: 0, startedAt: 1 } } }],
  ['TaskRecord', { ...task, v: 2, id: '', round: 0, state: 'x', group: { id: 1 } }],
  ['TaskRecord', []],
  ['TaskRecord', null],
  ['Config', {}],
  ['Config', { agents: { mine: { command: ['my-agent', '--x'], format: 'claude', env: { A: 'b' } }, other: 'claude' }, defaultAgent: 'mine', workflow: ['plan', 'implement'], checks: ['npm test'], merge: { squash: true }, hooks: { afterCreate: 'x', beforeMerge: ['a', 'b'] }, budget: { maxCostUsd: 2, maxFixRounds: 2 }, routes: { review: { agent: 'codex', model: 'm', baseUrl: 'http://localhost:8080/v1' } }, runners: { box: { ssh: 'me@box', env: ['HOME'] } }, ports: { from: 2000, to: 3000 }, keys: { quit: ['q', 'x'] } }],
  ['Config', { nope: 1 }],
  ['Config', { nope: 1, nada: 2 }],
  ['Config', { prices: { 'impl-model': { inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3 } }, routes: { review: { agent: 'codex', price: { inputPerMTok: 1, outputPerMTok: 5 } } } }],
  ['Config', { prices: { m: { inputPerMTok: -1, outputPerMTok: 1 } } }],
  ['Config', { prices: { m: { inputPerMTok: 1, outputPerMTok: 1, perCall: 2 } } }],
  ['Config', { prices: { '': { inputPerMTok: 1, outputPerMTok: 1 } } }],
  ['Config', { agents: { mine: { command: [] } } }],
  ['Config', { agents: { mine: 5 } }],
  ['Config', { agents: { mine: { comand: ['x'] } } }],
  ['Config', { agents: { mine: { command: ['x'], format: 'nope' } } }],
  ['Config', { routes: { review: { agent: 'codex', baseUrl: 'not a url' } } }],
  ['Config', { routes: { nostep: { agent: 'codex' } } }],
  ['Config', { runners: { 'bad name!': { ssh: 'h' } } }],
  ['Config', { workflow: [] }],
  ['Config', { workflow: 'implement' }],
  ['Config', { sandbox: 'maybe' }],
  ['Config', { ports: { from: 80, to: 3000 } }],
  ['Config', { ports: { from: 2000, to: 70000 } }],
  ['Config', { merge: { squash: true, extra: 1 } }],
  ['Config', { merge: { strategy: 'octopus' } }],
  ['Config', { hooks: { afterCreate: 5 } }],
  ['Config', { keys: { quit: 5 } }],
  ['Config', { stopGraceSeconds: -1 }],
  ['Config', { hooks: { afterCreate: [1] } }],
  ['Config', { keys: { quit: [1], x: 'y' }, nope: 1, workflow: [] }],
  ['Config', { routes: { review: { agent: 5, extra: 1 }, nostep: {}, other: 1 } }],
  ['Config', []],
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
  ['RunRecord', { v: 1, at: 'a', task: 't', round: 1, kind: 'nope' }],
  ['ChecksFile', { round: 1, finishedAt: 'f', results: [{ cmd: 'npm test', exitCode: null, durationMs: 3, logTail: '', timedOutSeconds: 5 }] }],
  ['ChecksFile', { round: 1, finishedAt: 'f', results: [{ cmd: 'npm test', exitCode: 0, durationMs: -3, logTail: '' }] }],
  ['ChecksFile', { round: 1, finishedAt: 'f', results: [{ cmd: 'npm test', exitCode: 0, durationMs: 3, logTail: '', timedOutSeconds: 0 }] }],
  ['ChecksFile', { round: 1, finishedAt: 'f', results: {} }],
  ['RunRequest', { round: 1, packet: '/p', setup: true, plans: [{ step: 'implement', agent: 'a', argv: ['a'], env: { K: 'v' }, secretEnv: [], format: 'text', packetOnStdin: true, files: [{ path: 'p', content: 'c' }] }] }],
  ['RunRequest', { round: 1, packet: '/p', setup: true, plans: [] }],
  ['DecisionRecord', decision],
  ['DecisionRecord', { pending: true, ...decision, extra: 'dropped', squash: false, strategy: 'rebase', rebasedTip: 'r', leftovers: 'saved', conflicts: ['a.ts'], ignored: [], nested: [nested, { ...nested, kind: 'submodule-files', head: 'abc', bundle: 'b', more: 1 }], warnings: ['w'] }],
  ['DecisionRecord', { ...decision, decision: 'request-changes', outcome: 'changes-requested', feedback: 'more tests' }],
  ['DecisionRecord', { ...decision, decision: 'ship' }],
  ['DecisionRecord', { ...decision, outcome: undefined }],
  ['DecisionRecord', { ...decision, v: 2 }],
  ['DecisionRecord', { ...decision, round: 0 }],
  ['DecisionRecord', { ...decision, round: 2.5 }],
  ['DecisionRecord', { ...decision, strategy: 'octopus' }],
  ['DecisionRecord', { ...decision, pending: 'yes' }],
  ['DecisionRecord', { ...decision, nested: [{ ...nested, head: undefined }] }],
  ['DecisionRecord', { ...decision, nested: [nested, { ...nested, kind: 'dir' }] }],
  ['DecisionRecord', { ...decision, conflicts: [1] }],
  ['DecisionRecord', 'merged'],
  ['CommentsFile', { v: 1, comments: [] }],
  ['CommentsFile', { v: 1, comments: [comment, { ...comment, line: 3, side: 'old', hunk: '@@ -1 +1 @@', extra: 1 }], extra: 2 }],
  ['CommentsFile', { v: 2, comments: [] }],
  ['CommentsFile', { v: 1 }],
  ['CommentsFile', { v: 1, comments: {} }],
  ['CommentsFile', { v: 1, comments: [comment, { ...comment, file: '' }] }],
  ['CommentsFile', { v: 1, comments: [{ ...comment, line: 0 }] }],
  ['CommentsFile', { v: 1, comments: [{ ...comment, line: 1.5 }] }],
  ['CommentsFile', { v: 1, comments: [{ ...comment, side: 'both' }] }],
  ['CommentsFile', { v: 1, comments: [{ ...comment, code: ' a' }] }],
  ['CommentsFile', { v: 1, comments: [{ ...comment, at: -1 }] }],
  ['CommentsFile', { v: 1, comments: [{ ...comment, createdAt: undefined, text: 5 }] }],
  ['CommentsFile', { v: 2, comments: [{ ...comment, line: 0, side: 'x', file: '' }, 5] }],
  ['CommentsFile', [comment]],
  // JSON.parse makes "__proto__" an own key: never copied into the result (it would set the result's prototype).
  ['TraceEvent', JSON.parse(`{"v":1,"ts":"t","task":"x","seq":1,"round":1,"type":"agent.message","text":"hi","__proto__":{"polluted":true}}`)],
  ['Config', JSON.parse(`{"agents":{"__proto__":{"command":["x"]},"mine":"claude"}}`)],
  ['Config', JSON.parse(`{"__proto__":{"checks":["x"]}}`)],
  ['LineComment', comment],
  ['LineComment', { ...comment, hunk: 7 }],
];

interface Seen {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  errors?: Seen[][];
}
/** An issue as a user or a caller can see it: code, where, the words, the unknown keys and a union's branches (describeIssue reads them). */
const seen = (i: Seen): Seen => ({ code: i.code, path: i.path, message: i.message, ...(i.keys ? { keys: i.keys } : {}), ...(i.errors ? { errors: i.errors.map((b) => b.map(seen)) } : {}) });
const issues = (r: { error?: { issues: unknown[] } }) => (r.error!.issues as Seen[]).map(seen);

/** The data with each object's prototype said, when it is not a plain object's (JSON.stringify would not show it). */
function withPrototypes(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withPrototypes);
  if (typeof v !== 'object' || v === null) return v;
  const proto = Object.getPrototypeOf(v) as object | null;
  const own = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withPrototypes(x)]));
  return proto === Object.prototype ? own : { ...own, '(prototype)': proto === null ? null : Object.keys(proto) };
}

describe('lean-zod against zod', () => {
  it('gives the same data and the same issues for every schema of the product', async () => {
    const real = await loadSchemas(false);
    const lean = await loadSchemas(true);
    expect(lean.TaskRecord).not.toBe(real.TaskRecord);
    expect(lean.TaskRecord.constructor.name).not.toBe(real.TaskRecord.constructor.name); // really two implementations
    const failed = new Set<string>();
    const differ: string[] = [];
    for (const [schema, input] of CASES) {
      const a = real[schema].safeParse(input);
      const b = lean[schema].safeParse(input);
      const what = `${schema} ${JSON.stringify(input)}`;
      const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y) || differ.push(`${what}\n  zod:  ${JSON.stringify(x)}\n  lean: ${JSON.stringify(y)}`);
      if (!a.success) failed.add(schema);
      if (a.success !== b.success) same(a.success, b.success);
      else if (a.success) same(withPrototypes(a.data), withPrototypes(b.data));
      else same(issues(a), issues(b));
      if (schema === 'Config') same(real.parseConfig(input), lean.parseConfig(input));
    }
    expect(differ.join('\n')).toBe('');
    // Every schema was given bad input too.
    expect([...failed].sort()).toEqual(Object.keys(real).filter((k) => k !== 'parseConfig').sort());
  });

  it('compares every module of the product that imports zod', () => {
    const sources = ['src', 'components'].flatMap((dir) => readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)));
    const importers = sources.filter((f) => /\.tsx?$/.test(f) && /from 'zod(\/[^']*)?'/.test(readFileSync(path.join(ROOT, f), 'utf8')));
    expect(importers.sort()).toEqual([...SCHEMA_MODULES].sort());
  });

  it('fills defaults with fresh values: one parse cannot change what the next gets', async () => {
    const lean = await loadSchemas(true);
    const a = lean.Config.safeParse({}).data as { checks: string[] };
    a.checks.push('changed');
    expect((lean.Config.safeParse({}).data as { checks: string[] }).checks).toEqual([]);
  });
});
