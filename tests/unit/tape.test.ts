// The VHS tape reader the demo-tape replay relies on.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTape } from '../helpers/tape.js';

describe('parseTape', () => {
  it('reads typed text, keys with counts, sleeps, waits and env; skips recording settings and comments', () => {
    const steps = parseTape(
      ['# c', 'Output x.gif', 'Set FontSize 14', 'Env A "b c"', 'Type "npm run demo"', 'Enter', 'Down 3', 'Ctrl+C', 'Sleep 500ms', 'Sleep 2s', 'Wait+Screen@30s /a\\/b/', 'Wait /x/'].join('\n'),
    );
    expect(steps).toEqual([
      { kind: 'env', name: 'A', value: 'b c' },
      { kind: 'type', text: 'npm run demo' },
      { kind: 'key', key: 'enter', count: 1 },
      { kind: 'key', key: 'down', count: 3 },
      { kind: 'key', key: 'ctrl+c', count: 1 },
      { kind: 'sleep', ms: 500 },
      { kind: 'sleep', ms: 2000 },
      { kind: 'wait', pattern: /a\/b/, timeoutMs: 30_000, line: 11 },
      { kind: 'wait', pattern: /x/, timeoutMs: 15_000, line: 12 },
    ]);
  });

  it('refuses what it does not know', () => {
    expect(() => parseTape('Tpye "x"')).toThrow(/line 1: unknown tape command Tpye/);
    expect(() => parseTape('Wait x')).toThrow(/Wait needs a \/regex\//);
  });

  it('reads demo.tape: it records into a file and walks the whole loop', () => {
    const text = readFileSync(path.resolve(import.meta.dirname, '../../demo.tape'), 'utf8');
    expect(text).toMatch(/^Output \S+\.gif$/m);
    const steps = parseTape(text);
    const typed = steps.filter((s) => s.kind === 'type').map((s) => (s as { text: string }).text);
    expect(typed[0]).toBe('npm run --silent demo');
    for (const key of ['e', 'm', 'y', 'r', 'q']) expect(typed).toContain(key);
    expect(steps.filter((s) => s.kind === 'wait').length).toBeGreaterThanOrEqual(10);
  });
});
