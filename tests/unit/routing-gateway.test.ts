import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { describePlans, maskSecrets } from '../../src/runner/describe-plans.js';
import type { StepPlan } from '../../src/runner/types.js';
import { config, PACKET, plan } from '../helpers/plans.js';

const KEY = 'sk-gw-0123456789abcdefXYZ';
const GW = { gateway: { baseUrl: 'https://gw.example.com/v1', apiKeyEnv: 'GW_KEY' } };
const env = { GW_KEY: KEY };
const routed = (name: string, model?: string) =>
  plan({ config: config({ ...GW, routes: { implement: { agent: name, ...(model ? { model } : {}) } } }), env })[0]!;

describe('gateway routes set each CLI\'s own variables', () => {
  it('claude, codex, gemini: base URL and key in their own settings, the key listed as secret', () => {
    // Anthropic and Gemini clients add their own version path: they get the gateway without /v1.
    expect(routed('claude')).toMatchObject({ env: { ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: KEY }, secretEnv: ['ANTHROPIC_AUTH_TOKEN'], baseUrl: 'https://gw.example.com/v1' });
    // Codex ignores OPENAI_BASE_URL: its own config setting, as a TOML string.
    const codex = routed('codex');
    expect(codex).toMatchObject({ env: { CODEX_API_KEY: KEY }, secretEnv: ['CODEX_API_KEY'] });
    expect(codex.argv).toEqual(['codex', 'exec', '--json', '--sandbox', 'workspace-write', '-c', 'openai_base_url="https://gw.example.com/v1"', '-']);
    // Gemini gets a settings home of the task's own that selects API-key auth (else exit 41 headless).
    const home = '/r/.wtagents/tasks/fix/agent-home/gemini';
    const gemini = routed('gemini');
    expect(gemini).toMatchObject({ env: { GOOGLE_GEMINI_BASE_URL: 'https://gw.example.com', GEMINI_API_KEY: KEY, GEMINI_CLI_HOME: home }, secretEnv: ['GEMINI_API_KEY'] });
    expect(gemini.files).toEqual([{ path: `${home}/.gemini/settings.json`, content: expect.any(String) }]);
    expect(JSON.parse(gemini.files![0]!.content)).toEqual({ security: { auth: { selectedType: 'gemini-api-key' } } });
    expect(plan({ agent: { name: 'gemini' } })[0]!.files).toBeUndefined();
  });

  it('aider names the model openai/<model>; copilot gets a provider; both need a model', () => {
    const aider = routed('aider', 'qwen3-coder');
    expect(aider.env).toEqual({ OPENAI_API_BASE: 'https://gw.example.com/v1', OPENAI_API_KEY: KEY });
    expect(aider.argv.slice(-2)).toEqual(['--model', 'openai/qwen3-coder']);
    expect(routed('aider', 'openai/gpt-5').argv.at(-1)).toBe('openai/gpt-5');
    expect(routed('copilot', 'gpt-5').env).toEqual({
      COPILOT_PROVIDER_BASE_URL: 'https://gw.example.com/v1', COPILOT_PROVIDER_TYPE: 'openai', COPILOT_PROVIDER_MODEL_ID: 'gpt-5', COPILOT_PROVIDER_API_KEY: KEY,
    });
    expect(() => routed('aider')).toThrow(/^routes\.implement\.model: aider \(aider\) needs a model name to use the gateway/);
    expect(() => routed('copilot')).toThrow(/^routes\.implement\.model: /);
  });

  it('opencode gets a provider in OPENCODE_CONFIG_CONTENT that reads the key from an env var, never inline', () => {
    const p = routed('opencode', 'kimi-k2');
    expect(p.argv).toEqual(expect.arrayContaining(['-m', 'wtagents/kimi-k2']));
    const cfg = JSON.parse(p.env.OPENCODE_CONFIG_CONTENT!);
    expect(cfg.provider.wtagents.options).toEqual({ baseURL: 'https://gw.example.com/v1', apiKey: '{env:WTAGENTS_GATEWAY_API_KEY}' });
    expect(cfg.provider.wtagents.models).toEqual({ 'kimi-k2': {} });
    expect(p.env.OPENCODE_CONFIG_CONTENT).not.toContain(KEY);
    expect(p.env.WTAGENTS_GATEWAY_API_KEY).toBe(KEY);
    expect(p.secretEnv).toEqual(['WTAGENTS_GATEWAY_API_KEY']);
  });

  it('cursor has no base-URL setting: a global gateway is skipped with a note, a route gateway is an error', () => {
    const p = routed('cursor');
    expect(p.env).toEqual({});
    expect(p.baseUrl).toBeUndefined();
    expect(p.notes).toEqual(['cursor has no base-URL setting: the gateway is not used for this step']);
    const c = config({ routes: { implement: { agent: 'cursor', baseUrl: 'https://other.example.com' } } });
    expect(() => plan({ config: c })).toThrow(/^routes\.implement\.baseUrl: cursor \(cursor\) has no base-URL setting/);
  });

  it('a route with its own base URL uses its own key and never the global one', () => {
    const c = config({ ...GW, routes: { review: { agent: 'codex', baseUrl: 'https://other.example.com/v1', apiKeyEnv: 'OTHER_KEY' }, implement: { agent: 'claude', baseUrl: 'https://nokey.example.com' } }, workflow: ['implement', 'review'] });
    const [impl, review] = plan({ config: c, env: { GW_KEY: KEY, OTHER_KEY: 'sk-other-0123456789' } });
    expect(impl!.env).toEqual({ ANTHROPIC_BASE_URL: 'https://nokey.example.com' });
    expect(review!.env).toEqual({ CODEX_API_KEY: 'sk-other-0123456789' });
    expect(review!.argv).toContain('openai_base_url="https://other.example.com/v1"');
  });

  it('a key variable that is not set is an error naming the field and the variable', () => {
    expect(() => plan({ config: config({ ...GW, routes: { implement: { agent: 'claude' } } }), env: {} })).toThrow(
      'gateway.apiKeyEnv: environment variable GW_KEY is not set (the key for https://gw.example.com/v1)',
    );
    expect(() => plan({ config: config({ routes: { implement: { agent: 'claude', apiKeyEnv: 'X' } } }) })).toThrow(/^routes\.implement\.apiKeyEnv: only used with/);
  });

  it('config agent env wins over gateway vars it names', () => {
    const c = config({ ...GW, agents: { local: { preset: 'claude', env: { ANTHROPIC_BASE_URL: 'http://localhost:4000' } } }, defaultAgent: 'local' });
    expect(plan({ config: c, env }).at(0)!.env.ANTHROPIC_BASE_URL).toBe('http://localhost:4000');
  });
});

/** Let a real bash split a command line into words, NUL-separated. */
function bashWords(line: string): string[] {
  return execFileSync('bash', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' }).split('\0').slice(0, -1);
}

describe('describePlans', () => {
  const cfg = config({ ...GW, workflow: ['plan', 'implement'], routes: { plan: { agent: 'gemini', model: 'gemini-2.5-pro' } } });

  it('shows each step with its exact command line, env and session, secrets masked', () => {
    const plans = plan({ config: cfg, agent: { name: 'claude' }, env });
    const text = describePlans(plans, { packetPath: PACKET, cwd: '/r/wt dir' });
    expect(text).not.toContain(KEY);
    expect(text).toContain('Step 1 of 2: plan (agent gemini, format gemini, model gemini-2.5-pro, base URL https://gw.example.com/v1, permissions worktree)');
    expect(text).toContain('  env      GEMINI_API_KEY=***\n           GEMINI_CLI_HOME=/r/.wtagents/tasks/fix/agent-home/gemini\n           GOOGLE_GEMINI_BASE_URL=https://gw.example.com\n');
    expect(text).toContain('  writes   /r/.wtagents/tasks/fix/agent-home/gemini/.gemini/settings.json\n');
    expect(text).toContain(`  cwd      '/r/wt dir'`);
    expect(text).toContain(`  session  ${plans[1]!.sessionId} (new)`);
    const commands = text.split('\n').filter((l) => l.startsWith('  command  ')).map((l) => l.slice('  command  '.length));
    expect(commands).toHaveLength(2);
    // The line is exact: bash splits it back into the planned argv, then `<` and the packet.
    expect(bashWords(commands[0]!.replace(/ < .*$/, ''))).toEqual(plans[0]!.argv);
    expect(commands[0]).toMatch(/ < \/r\/\.wtagents\/tasks\/fix\/packets\/01-background-agent\.md$/);
    expect(bashWords(commands[1]!.replace(/ < .*$/, ''))).toEqual(plans[1]!.argv);
  });

  it('masks secret env values by plan, by name, and secret-looking tokens anywhere', () => {
    const p: StepPlan = {
      step: 'implement', agent: 'command', argv: ['/bin/sh', '-c', `curl -H "Authorization: Bearer ${KEY}" x`], format: 'text', packetOnStdin: false,
      env: { A_SECRET: 'hunter2', LISTED: 'plain-looking', URL: `https://u.example/?k=${KEY}`, EMPTY_TOKEN: '', MODE: 'fast' },
      secretEnv: ['LISTED'],
    };
    const text = describePlans([p]);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('plain-looking');
    expect(text).toContain('A_SECRET=***');
    expect(text).toContain("EMPTY_TOKEN=''");
    expect(text).toContain('MODE=fast');
    expect(text).toContain("URL='https://u.example/?k=***'");
    expect(text).not.toContain(' < ');
    expect(maskSecrets('ghp_abcdefghijklmnopqrstuvwxyz012345 and AIzaSyA1234567890abcdefghijklmnopqrstu')).toBe('*** and ***');
  });

  it('says when there is nothing to run, and shows notes and resumed sessions', () => {
    expect(describePlans([])).toBe('No steps to run.\n');
    const text = describePlans(plan({ config: config({ ...GW }), agent: { name: 'cursor' }, env, round: 2, resumeSessionId: 'abc' }));
    expect(text).toContain('  session  abc (resumed)');
    expect(text).toContain('  note     cursor has no base-URL setting: the gateway is not used for this step');
  });
});
