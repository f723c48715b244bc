import { describe, expect, it } from 'vitest';
import { commandOf, editedPaths, exitCodeIn, toolKind, toolTarget } from '../../src/runner/adapters/tools.js';
import { UsageMeter } from '../../src/runner/adapters/usage.js';
import { bounded, count, timestampOf } from '../../src/runner/adapters/values.js';

describe('tools', () => {
  it('classify shell and edit tools across CLIs, case-insensitively', () => {
    expect(['Bash', 'shell', 'run_shell_command', 'bash'].map(toolKind)).toEqual(['shell', 'shell', 'shell', 'shell']);
    expect(['Edit', 'MultiEdit', 'Write', 'write_file', 'replace', 'edit', 'write', 'delete', 'apply_patch'].map(toolKind)).toEqual(Array(9).fill('edit'));
    expect(['Read', 'Grep', 'web_search', 'docs.search'].map(toolKind)).toEqual(Array(4).fill('other'));
  });

  it('give a one-row target: path, command (argv joined), pattern; first line, cut', () => {
    expect(toolTarget({ file_path: 'src/a.ts', content: 'x' })).toBe('src/a.ts');
    expect(toolTarget({ command: ['bash', '-lc', 'ls'] })).toBe('bash -lc ls');
    expect(toolTarget({ command: 'npm test\n&& echo done' })).toBe('npm test');
    expect(toolTarget({ pattern: 'TODO' })).toBe('TODO');
    expect(toolTarget({ command: 'x'.repeat(500) })!.length).toBe(200);
    expect(toolTarget({ other: 1 })).toBeUndefined();
    expect(commandOf({ cmd: 'make' })).toBe('make');
  });

  it('find edited paths in inputs and apply_patch texts', () => {
    expect(editedPaths({ file_path: 'a.ts', edits: [{ path: 'b.ts' }] })).toEqual(['a.ts', 'b.ts']);
    expect(editedPaths({ input: '*** Begin Patch\n*** Update File: src/x.ts\n@@\n*** Add File: src/y.ts\n*** End Patch' })).toEqual(['src/x.ts', 'src/y.ts']);
    expect(editedPaths(null)).toEqual([]);
  });

  it('read exit codes only from the lines CLIs write for them', () => {
    expect(exitCodeIn('Exit code 1\nFAIL x')).toBe(1);
    expect(exitCodeIn('Command: npm test\nStdout: ok\nExit Code: 0\nSignal: (none)')).toBe(0);
    expect(exitCodeIn(`${'line\n'.repeat(2000)}<exited with exit code 130>`)).toBe(130);
    expect(exitCodeIn('test: expected exit code 3 from the child')).toBeUndefined();
    expect(exitCodeIn('')).toBeUndefined();
  });
});

describe('values', () => {
  it('bounded keeps depth, keys, items and strings small', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 20; i++) deep = { n: deep };
    expect(JSON.stringify(bounded(deep))).toBe('{"n":{"n":{"n":{"n":{"n":{"n":"{object with 1 keys}"}}}}}}');
    const wide = bounded(Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, i]))) as Record<string, unknown>;
    expect(Object.keys(wide)).toHaveLength(51);
    expect((bounded(Array(100).fill(0)) as unknown[]).at(-1)).toBe('… 50 more');
    expect(bounded('y'.repeat(5000))).toMatch(/^y{2048}… \[cut: 5000 chars\]$/);
  });

  it('counts are plausible non-negative numbers; timestamps are times of this era', () => {
    expect([count(3), count(-1), count('3'), count(1e308), count(Number.NaN)]).toEqual([3, undefined, undefined, undefined, undefined]);
    expect(timestampOf(1767036059338)).toBe('2025-12-29T19:20:59.338Z');
    expect(timestampOf(1767036059)).toBe('2025-12-29T19:20:59.000Z');
    expect(timestampOf('2026-01-01T00:00:00Z')).toBe('2026-01-01T00:00:00.000Z');
    expect([timestampOf('…'), timestampOf(5), timestampOf('9999-01-01'), timestampOf({})]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('UsageMeter', () => {
  it('adds turn/step/call reports and lets a run report replace the total', () => {
    const m = new UsageMeter();
    expect(m.record('turn', { inputTokens: 10, outputTokens: 1 })).toEqual({ type: 'agent.usage', scope: 'turn', inputTokens: 10, outputTokens: 1 });
    m.record('turn', { inputTokens: 5, outputTokens: 2, costUsd: 0.1 });
    m.record('turn', { costUsd: 0.2 });
    expect(m.totals()).toEqual({ inputTokens: 15, outputTokens: 3, costUsd: 0.3 });
    const run = new UsageMeter();
    run.record('run', { inputTokens: 100, outputTokens: 10, costUsd: 1 });
    run.record('run', { inputTokens: 150, outputTokens: 20 });
    expect(run.totals()).toEqual({ inputTokens: 150, outputTokens: 20 });
    expect(new UsageMeter().seen).toBe(false);
  });
});
