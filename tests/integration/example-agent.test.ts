// The demo's example agent: real edits, real test runs, real commits, Claude stream-json on stdout.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSandbox } from '../../src/demo/sandbox.js';
import { DIVIDE_TASK, MULTIPLY_TASK } from '../../src/demo/scenarios.js';
import { runCli } from '../helpers/cli.js';
import { git, tempDir } from '../helpers/repo.js';

function playAgent(cwd: string, title: string, round: number): Array<Record<string, unknown>> {
  const sha = git(cwd, ['rev-parse', 'HEAD']).trim();
  const packet = `# Task packet: ${title}\n\n- Branch: \`wtagents/x\`, started from \`main\` at \`${sha}\`\n`;
  const r = runCli(['__example-agent'], { cwd, input: packet, env: { WTAGENTS_DEMO_SPEED: '0', WTAGENTS_ROUND: String(round) } });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

function nodeTest(cwd: string): number {
  try {
    execFileSync(process.execPath, ['--test'], { cwd, stdio: 'pipe' });
    return 0;
  } catch (error) {
    return (error as { status: number }).status;
  }
}

describe('example agent', () => {
  it('adds multiply with a passing test, commits, and reports in the packet shape', async () => {
    const repo = await makeSandbox(path.join(tempDir(), 'sandbox'));
    expect(nodeTest(repo)).toBe(0);
    const lines = playAgent(repo, MULTIPLY_TASK, 1);
    expect(lines[0]).toMatchObject({ type: 'system', subtype: 'init', model: expect.stringContaining('example-agent') });
    const result = lines.at(-1)!;
    expect(result).toMatchObject({ type: 'result', is_error: false });
    expect(String(result.result)).toContain('## Merge recommendation\nmerge: small, tested, in scope.');
    expect(String(result.result)).toContain('src/calc.js');
    expect(readFileSync(path.join(repo, 'src/calc.js'), 'utf8')).toContain('export function multiply');
    expect(git(repo, ['log', '-1', '--format=%s']).trim()).toBe('Add multiply() with a test');
    expect(git(repo, ['status', '--porcelain'])).toBe('');
    expect(nodeTest(repo)).toBe(0);
  });

  it('divide: round 1 leaves the suite failing (while claiming merge), round 2 fixes it', async () => {
    const repo = await makeSandbox(path.join(tempDir(), 'sandbox'));
    const first = playAgent(repo, DIVIDE_TASK, 1);
    expect(String(first.at(-1)!.result)).toContain('## Merge recommendation\nmerge: ');
    expect(nodeTest(repo)).not.toBe(0);
    playAgent(repo, DIVIDE_TASK, 2);
    expect(nodeTest(repo)).toBe(0);
    expect(git(repo, ['log', '--format=%s']).trim().split('\n')).toHaveLength(3);
  });

  it('refuses a non-empty sandbox directory', async () => {
    const dir = tempDir();
    await makeSandbox(path.join(dir, 'a'));
    await expect(makeSandbox(path.join(dir, 'a'))).rejects.toThrow(/not empty/);
  });
});
