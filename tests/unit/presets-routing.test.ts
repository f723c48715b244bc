import { describe, expect, it } from 'vitest';
import type { PlanInput } from '../../src/runner/routing.js';
import { PRESETS } from '../../src/runner/presets.js';
import { config, PACKET, plan, UUID } from '../helpers/plans.js';

const only = (extra: Partial<PlanInput>) => {
  const plans = plan(extra);
  expect(plans).toHaveLength(1);
  return plans[0]!;
};

describe('presets', () => {
  it('each preset has its headless command line, permissions, format and packet route', () => {
    const argv = Object.fromEntries(PRESETS.map((p) => [p.name, only({ agent: { name: p.name } }).argv]));
    expect(argv.claude!.slice(0, -2)).toEqual(['claude', '-p', '--output-format', 'stream-json', '--verbose', '--permission-mode', 'acceptEdits', '--allowedTools', 'Bash']);
    expect(argv.claude!.at(-2)).toBe('--session-id');
    expect(argv.claude!.at(-1)).toMatch(UUID);
    expect(argv.codex).toEqual(['codex', 'exec', '--json', '--sandbox', 'workspace-write', '-']);
    expect(argv.gemini).toEqual(['gemini', '-p', 'Execute the task packet above.', '-o', 'stream-json', '--approval-mode=yolo', '--skip-trust']);
    expect(argv.opencode).toEqual(['opencode', 'run', '--format', 'json', '--auto', 'Execute the task packet above.']);
    expect(argv.aider).toEqual(['aider', '--message-file', PACKET, '--yes-always', '--no-stream', '--no-pretty']);
    expect(argv.cursor).toEqual(['agent', '-p', '--output-format', 'stream-json', '--trust', '--force']);
    expect(argv.copilot!.slice(0, -1)).toEqual(['copilot', '-p', '# Task\nFix it\n', '--output-format', 'json', '--allow-all', '--no-ask-user']);
    expect(argv.copilot!.at(-1)).toMatch(/^--resume=[0-9a-f-]{36}$/);
    for (const p of PRESETS) {
      const s = only({ agent: { name: p.name } });
      expect(s.format).toBe(p.format);
      expect(s.packetOnStdin, p.name).toBe(!['aider', 'copilot'].includes(p.name));
      expect(s.env).toEqual({});
    }
  });

  it('pre-assigns a session id where the CLI allows it, and records it in the plan', () => {
    const claude = only({ agent: { name: 'claude' } });
    expect(claude.sessionId).toMatch(UUID);
    expect(claude.argv).toContain(claude.sessionId);
    const copilot = only({ agent: { name: 'copilot' } });
    expect(copilot.argv.at(-1)).toBe(`--resume=${copilot.sessionId}`);
    expect(only({ agent: { name: 'codex' } }).sessionId).toBeUndefined();
    expect(only({ agent: { name: 'claude' } }).sessionId).not.toBe(claude.sessionId);
  });

  it('passes a model the way each CLI takes it', () => {
    const argv = (name: string) => only({ agent: { name }, config: config({ routes: { implement: { agent: name, model: 'm-1' } } }) }).argv;
    expect(argv('claude')).toEqual(expect.arrayContaining(['--model', 'm-1']));
    expect(argv('codex')).toEqual(['codex', 'exec', '--json', '--sandbox', 'workspace-write', '-m', 'm-1', '-']);
    expect(argv('gemini').slice(-2)).toEqual(['-m', 'm-1']);
    expect(argv('opencode').slice(-3)).toEqual(['-m', 'm-1', 'Execute the task packet above.']);
    expect(argv('aider').slice(-2)).toEqual(['--model', 'm-1']);
    expect(argv('cursor').slice(-2)).toEqual(['--model', 'm-1']);
    expect(argv('copilot').slice(-3, -1)).toEqual(['--model', 'm-1']);
  });

  it('resumes in later rounds with each CLI\'s own resume arguments', () => {
    const resumed = (name: string, extra: Partial<PlanInput> = {}) => only({ agent: { name }, round: 2, resumeSessionId: 'S-1', ...extra });
    const claude = resumed('claude');
    expect(claude.argv.slice(-2)).toEqual(['--resume', 'S-1']);
    expect(claude.argv).not.toContain('--session-id');
    expect(claude).toMatchObject({ sessionId: 'S-1', resumed: true });
    expect(resumed('codex').argv.slice(-3)).toEqual(['resume', 'S-1', '-']);
    expect(resumed('gemini').argv.slice(-2)).toEqual(['-r', 'S-1']);
    expect(resumed('opencode').argv.slice(-3)).toEqual(['--session', 'S-1', 'Execute the task packet above.']);
    expect(resumed('cursor').argv.at(-1)).toBe('--resume=S-1');
    expect(resumed('copilot').argv.at(-1)).toBe('--resume=S-1');
    // Aider has no session id: it continues its chat history.
    expect(resumed('aider', { resumeSessionId: undefined }).argv.at(-1)).toBe('--restore-chat-history');
    // Round 1 never resumes; a session of another agent is not resumed.
    expect(only({ agent: { name: 'codex' }, round: 1, resumeSessionId: 'S-1' }).argv).not.toContain('resume');
    expect(resumed('codex', { resumeAgent: 'claude' }).argv).not.toContain('resume');
    expect(resumed('codex', { resumeAgent: 'codex' }).argv).toContain('resume');
  });

  it('rejects a packet too long to pass as one argument (copilot takes it as -p text)', () => {
    const big = 'x'.repeat(200 * 1024);
    expect(() => plan({ agent: { name: 'copilot' }, packetText: big })).toThrow(/over the 128 KiB limit/);
    expect(only({ agent: { name: 'claude' }, packetText: big }).argv.join(' ')).not.toContain('xxxx');
  });
});
