// `wtagents agents` and the --print plan text, run against real repositories and a real PATH.
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runJson } from '../helpers/cli.js';
import { makeRepo, tempDir, writeFiles } from '../helpers/repo.js';
import { which } from '../../src/runner/which.js';
import type { AgentInfo } from '../../src/runner/agents.js';

/** A PATH holding only fake `claude` and `codex` executables, a non-executable `gemini`, and git. */
function fakePath(): string {
  const bin = path.join(tempDir('wt-bin-'), 'bin');
  mkdirSync(bin);
  for (const name of ['claude', 'codex']) {
    writeFileSync(path.join(bin, name), '#!/bin/sh\nexit 0\n');
    chmodSync(path.join(bin, name), 0o755);
  }
  writeFileSync(path.join(bin, 'gemini'), 'not executable\n');
  symlinkSync(which('git')!, path.join(bin, 'git'));
  return bin;
}

describe('wtagents agents', () => {
  it('lists the presets and the command agent with whether each binary is on PATH, outside any repository', () => {
    const bin = fakePath();
    const r = runCli(['agents'], { cwd: tempDir(), env: { PATH: bin } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^NAME\s+KIND\s+BINARY\s+ON PATH\s+FORMAT\s+DESCRIPTION$/);
    const row = (name: string) => lines.find((l) => l.startsWith(`${name} `))!.split(/\s{2,}/);
    expect(row('claude').slice(0, 5)).toEqual(['claude', 'preset', 'claude', 'yes', 'claude']);
    expect(row('codex').slice(0, 4)).toEqual(['codex', 'preset', 'codex', 'yes']);
    expect(row('gemini').slice(0, 4)).toEqual(['gemini', 'preset', 'gemini', 'no']);
    expect(row('cursor').slice(0, 4)).toEqual(['cursor', 'preset', 'agent', 'no']);
    expect(row('command').slice(0, 4)).toEqual(['command', 'command', '/bin/sh', 'yes']);
    expect(r.stdout).toContain('(not in a git repository: built-in agents only)');

    const json = runJson<AgentInfo[]>(['agents'], { cwd: tempDir(), env: { PATH: bin } });
    expect(json.map((a) => a.name)).toEqual(['claude', 'codex', 'gemini', 'opencode', 'aider', 'cursor', 'copilot', 'command']);
    expect(json.find((a) => a.name === 'claude')!.found).toBe(path.join(bin, 'claude'));
    expect(json.find((a) => a.name === 'gemini')!.found).toBeUndefined();
  });

  it("adds the repository's config agents (a config agent named like a preset replaces it)", () => {
    const bin = fakePath();
    const repo = makeRepo();
    writeFiles(repo, {
      '.wtagents/config.json': JSON.stringify({
        agents: { fast: { preset: 'claude', model: 'haiku' }, gemini: { args: ['--debug'] }, mine: { command: ['./my-agent.sh'], format: 'codex' } },
      }),
    });
    const agents = runJson<AgentInfo[]>(['agents', '--repo', repo], { cwd: tempDir(), env: { PATH: bin } });
    expect(agents.map((a) => [a.name, a.kind])).toEqual([
      ['claude', 'preset'], ['codex', 'preset'], ['opencode', 'preset'], ['aider', 'preset'], ['cursor', 'preset'], ['copilot', 'preset'],
      ['fast', 'config'], ['gemini', 'config'], ['mine', 'config'], ['command', 'command'],
    ]);
    expect(agents.find((a) => a.name === 'fast')).toMatchObject({ binary: 'claude', found: path.join(bin, 'claude'), preset: 'claude', model: 'haiku', format: 'claude' });
    expect(agents.find((a) => a.name === 'mine')).toMatchObject({ binary: './my-agent.sh', format: 'codex' });
    expect(agents.find((a) => a.name === 'mine')!.found).toBeUndefined();
  });

  it('a config error is one line naming the field; an unknown agent in a route is a warning naming it', () => {
    const repo = makeRepo();
    writeFiles(repo, { '.wtagents/config.json': JSON.stringify({ routes: { review: { agent: 'codex', modle: 'x' } } }) });
    const bad = runCli(['agents', '--repo', repo]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('config.json: routes.review.modle: unknown key');

    writeFiles(repo, { '.wtagents/config.json': JSON.stringify({ routes: { review: { agent: 'gpt' } } }) });
    const warned = runCli(['agents'], { cwd: repo });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toMatch(/^warning: \.wtagents\/config\.json: routes\.review\.agent: unknown agent "gpt" \(known: /);
  });
});

describe('run --print text', () => {
  it("describes a real task's steps with its packet, worktree and gateway, the key masked", () => {
    const repo = makeRepo();
    writeFiles(repo, {
      '.wtagents/config.json': JSON.stringify({
        gateway: { baseUrl: 'https://gw.example.com/v1', apiKeyEnv: 'WT_TEST_GW_KEY' },
        workflow: ['implement', 'review'],
        routes: { review: { agent: 'codex', model: 'gpt-5' } },
      }),
    });
    const t = runJson<{ id: string; worktree: string; taskDir: string }>(['new', 'Fix the login loop'], { cwd: repo });
    const bin = fakePath();
    const print = (env: NodeJS.ProcessEnv, id = t.id) => runCli(['run', id, '--print', '--agent', 'claude'], { cwd: repo, env: { PATH: bin, ...env } });
    const shown = print({ WT_TEST_GW_KEY: 'sk-live-0123456789abcdef' });
    expect(shown.stderr).toBe('');
    const text = shown.stdout;
    expect(text).not.toContain('sk-live-0123456789abcdef');
    expect(text).toContain(`Task ${t.id}, round 1 (nothing is run)`);
    expect(text).toContain('Step 1 of 2: implement (agent claude');
    expect(text).toContain('Step 2 of 2: review (agent codex, format codex, model gpt-5, base URL https://gw.example.com/v1, permissions read-only)');
    expect(text).toContain('permissions worktree)');
    expect(text).toContain(`< ${path.join(t.taskDir, 'packets', '01-background-agent.md')}`);
    expect(text).toContain(`cwd      ${t.worktree}`);
    expect(text).toContain('CODEX_API_KEY=***');
    expect(print({}).stderr).toContain('gateway.apiKeyEnv: environment variable WT_TEST_GW_KEY is not set');
    expect(print({}, 'nope').stderr).toContain('no task "nope"');
  });
});
