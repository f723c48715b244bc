import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config.js';
import { validateConfigAgents } from '../../src/runner/agent-resolve.js';
import { config, plan, task } from '../helpers/plans.js';

const KEY = 'sk-test-0123456789abcdef';

describe('workflows and routes', () => {
  it('plans each workflow step in order, each with its route, the rest with the run\'s agent', () => {
    const cfg = config({
      workflow: ['plan', 'implement', 'review', 'summary'],
      routes: { plan: { agent: 'gemini', model: 'gemini-2.5-pro' }, review: { agent: 'codex', model: 'gpt-5' } },
    });
    const plans = plan({ config: cfg, agent: { name: 'claude' } });
    expect(plans.map((p) => [p.step, p.agent, p.model])).toEqual([
      ['plan', 'gemini', 'gemini-2.5-pro'],
      ['implement', 'claude', undefined],
      ['review', 'codex', 'gpt-5'],
      ['summary', 'claude', undefined],
    ]);
    // In a later round only the implement step resumes the recorded session.
    const again = plan({ config: cfg, agent: { name: 'claude' }, round: 2, resumeSessionId: 'S-9' });
    expect(again.map((p) => p.resumed ?? false)).toEqual([false, true, false, false]);
    expect(again[1]!.argv.slice(-2)).toEqual(['--resume', 'S-9']);
    expect(again[3]!.argv).toContain('--session-id');
    // The step that resumes is the one whose session the task keeps, in every round.
    expect(plans.map((p) => p.keepsSession ?? false)).toEqual([false, true, false, false]);
    expect(again.map((p) => p.keepsSession ?? false)).toEqual([false, true, false, false]);
    // A session made by another agent is not resumed.
    const other = plan({ config: cfg, agent: { name: 'claude' }, round: 2, resumeSessionId: 'S-9', resumeAgent: 'codex' });
    expect(other.map((p) => p.resumed ?? false)).toEqual([false, false, false, false]);
  });

  it('without an implement step, the last step resumes', () => {
    const plans = plan({ config: config({ workflow: ['plan', 'review'] }), agent: { name: 'codex' }, round: 3, resumeSessionId: 'T' });
    expect(plans.map((p) => p.resumed ?? false)).toEqual([false, true]);
    expect(plans.map((p) => p.keepsSession ?? false)).toEqual([false, true]);
  });

  it("the task's workflow wins over the config's; an unknown step there is an error naming it", () => {
    const cfg = config({ workflow: ['plan', 'implement'] });
    expect(plan({ config: cfg, task: task({ workflow: ['review'] }), agent: { name: 'claude' } }).map((p) => p.step)).toEqual(['review']);
    expect(() => plan({ task: task({ workflow: ['implement', 'deploy'] }), agent: { name: 'claude' } })).toThrow('task fix workflow.1: unknown step "deploy"');
  });

  it('picks the run agent: --agent over the task agent over defaultAgent; none is a clear error', () => {
    const cfg = config({ defaultAgent: 'gemini' });
    expect(plan({ config: cfg })[0]!.agent).toBe('gemini');
    expect(plan({ config: cfg, task: task({ agent: { name: 'codex' } }) })[0]!.agent).toBe('codex');
    expect(plan({ config: cfg, task: task({ agent: { name: 'codex' } }), agent: { name: 'aider' } })[0]!.agent).toBe('aider');
    expect(() => plan()).toThrow('no agent for this task: give --agent NAME or --agent-command CMD, or set defaultAgent in .wtagents/config.json');
  });

  it('runs --agent-command through /bin/sh -c with its format, the packet on stdin, the route in WTAGENTS_* vars', () => {
    const cfg = config({ gateway: { baseUrl: 'https://gw.example.com/v1', apiKeyEnv: 'GW_KEY' }, routes: {} });
    const [p] = plan({ config: cfg, agent: { name: 'command', command: "my-agent --fast 'x y'", format: 'codex' }, env: { GW_KEY: KEY } });
    expect(p).toMatchObject({ agent: 'command', argv: ['/bin/sh', '-c', "my-agent --fast 'x y'"], format: 'codex', packetOnStdin: true });
    expect(p!.env).toEqual({ WTAGENTS_STEP: 'implement', WTAGENTS_BASE_URL: 'https://gw.example.com/v1', WTAGENTS_API_KEY: KEY });
    expect(p!.secretEnv).toEqual(['WTAGENTS_API_KEY']);
    expect(() => plan({ agent: { name: 'command', command: 'x', format: 'xml' } })).toThrow('--format: unknown format "xml"');
    expect(() => plan({ agent: { name: 'command', command: '  ' } })).toThrow('the agent command is empty');
  });
});

describe('config agents', () => {
  const cfg = config({
    agents: {
      fast: 'claude',
      cheap: { preset: 'codex', model: 'gpt-5-mini', args: ['--skip-git-repo-check'], env: { CODEX_HOME: '/tmp/codex' } },
      npxclaude: { preset: 'claude', command: ['npx', '-y', '@anthropic-ai/claude-code'] },
      gemini: { args: ['--debug'] },
      mine: { command: ['./agent.sh', '--json'], format: 'claude', env: { MODE: 'ci' }, args: ['--verbose'] },
    },
  });
  const step = (name: string) => plan({ config: cfg, agent: { name } })[0]!;

  it('resolve to a preset with overrides, or a command of their own', () => {
    expect(step('fast')).toMatchObject({ agent: 'fast', format: 'claude' });
    expect(step('fast').argv[0]).toBe('claude');
    // Extra args go before the trailing positionals; the model is the agent's own.
    expect(step('cheap')).toMatchObject({
      argv: ['codex', 'exec', '--json', '--sandbox', 'workspace-write', '-m', 'gpt-5-mini', '--skip-git-repo-check', '-'],
      env: { CODEX_HOME: '/tmp/codex' },
      model: 'gpt-5-mini',
    });
    expect(step('npxclaude').argv.slice(0, 5)).toEqual(['npx', '-y', '@anthropic-ai/claude-code', '-p', '--output-format']);
    expect(step('gemini').argv.at(-1)).toBe('--debug');
    expect(step('mine')).toMatchObject({ argv: ['./agent.sh', '--json', '--verbose'], format: 'claude', packetOnStdin: true, env: { WTAGENTS_STEP: 'implement', MODE: 'ci' } });
  });

  it('a route model beats the agent model', () => {
    const c = config({ agents: { cheap: { preset: 'codex', model: 'small' } }, routes: { implement: { agent: 'cheap', model: 'big' } } });
    expect(plan({ config: c })[0]!.argv).toContain('big');
  });
});

describe('config errors name the field', () => {
  const error = (json: unknown) => {
    const r = parseConfig(json);
    return r.ok ? null : r.error;
  };
  it('unknown keys, bad values, a bad agent entry', () => {
    expect(error({ agents: {}, colour: 'red' })).toBe('colour: unknown key');
    expect(error({ routes: { review: { agent: 'codex', modle: 'x' } } })).toBe('routes.review.modle: unknown key');
    expect(error({ routes: { deploy: { agent: 'codex' } } })).toBe('routes.deploy: unknown key');
    expect(error({ workflow: ['implement', 'ship'] })).toMatch(/^workflow\.1: Invalid option/);
    expect(error({ agents: { a: { preset: 'claude', format: 'xml' } } })).toMatch(/^agents\.a\.format: Invalid option/);
    expect(error({ agents: { a: 42 } })).toBe('agents.a: expected a preset name (string) or an agent object');
    expect(error({ gateway: { baseUrl: 'not a url' } })).toMatch(/^gateway\.baseUrl: /);
    expect(error({ stopGraceSeconds: -1 })).toMatch(/^stopGraceSeconds: /);
  });

  it('unknown agents in routes, defaultAgent and presets, at plan time, with the known names', () => {
    expect(() => validateConfigAgents(config({ routes: { review: { agent: 'gpt' } } }))).toThrow(
      /^routes\.review\.agent: unknown agent "gpt" \(known: claude, codex, gemini, opencode, aider, cursor, copilot, command\)$/,
    );
    expect(() => plan({ config: config({ defaultAgent: 'claud' }) })).toThrow(/^defaultAgent: unknown agent "claud"/);
    expect(() => plan({ config: config({ agents: { x: 'gpt4' } }), agent: { name: 'claude' } })).toThrow(/^agents\.x: unknown preset "gpt4"/);
    expect(() => plan({ config: config({ agents: { x: { preset: 'nope' } } }), agent: { name: 'claude' } })).toThrow(/^agents\.x\.preset: unknown preset "nope"/);
    expect(() => plan({ config: config({ agents: { x: { env: {} } } }), agent: { name: 'claude' } })).toThrow(/^agents\.x: give a preset or a command/);
    expect(() => plan({ agent: { name: 'claud' } })).toThrow(/^--agent: unknown agent "claud" \(known: /);
    expect(() => plan({ config: config({ routes: { implement: { agent: 'command' } } }) })).toThrow(/^routes\.implement\.agent: "command" needs --agent-command/);
  });
});

describe('the README example config', () => {
  it('parses and plans plan → implement → review as it says', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const block = /## Configuration[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)![1]!;
    const plans = plan({ config: config(JSON.parse(block)), env: { GATEWAY_KEY: 'sk-readme-0123456789' } });
    expect(plans.map((p) => [p.step, p.agent, p.model, p.baseUrl])).toEqual([
      ['plan', 'gemini', 'gemini-2.5-pro', 'https://llm-gateway.example.com/v1'],
      ['implement', 'fast', 'claude-haiku-4-5', 'https://llm-gateway.example.com/v1'],
      ['review', 'reviewer', 'gpt-5', 'https://llm-gateway.example.com/v1'],
    ]);
  });
});

describe('a stored task agent', () => {
  it('with a bad format is reported as the task\'s, not as a flag', () => {
    expect(() => plan({ task: task({ agent: { name: 'command', command: 'x', format: 'yaml' } }) })).toThrow(/^task fix agent format: unknown format "yaml"/);
  });
});
