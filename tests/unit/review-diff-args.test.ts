// Which command lines src/bin.ts runs straight through `review --stat/--patch` (no parser): exactly
// `review ID --stat|--patch [--repo DIR]` in any order; anything else is left to the full command line.
import { describe, expect, it } from 'vitest';
import { reviewDiffArgs } from '../../src/commands/review-diff.js';

describe('reviewDiffArgs', () => {
  it('takes review ID --stat|--patch with an optional --repo, in any order', () => {
    expect(reviewDiffArgs(['review', 't1', '--stat'])).toEqual({ id: 't1', mode: 'stat' });
    expect(reviewDiffArgs(['review', '--patch', 't1'])).toEqual({ id: 't1', mode: 'patch' });
    expect(reviewDiffArgs(['review', 't1', '--stat', '--repo', '/r'])).toEqual({ id: 't1', mode: 'stat', repo: '/r' });
    expect(reviewDiffArgs(['review', '--repo=/r', '--stat', 't1'])).toEqual({ id: 't1', mode: 'stat', repo: '/r' });
  });

  it('leaves everything else to the parser (its errors and other flags stay its own)', () => {
    for (const argv of [
      ['review', 't1'],
      ['review', '--stat'],
      ['list', 't1', '--stat'],
      ['review', 't1', '--stat', '--patch'],
      ['review', 't1', '--stat', '--stat'],
      ['review', 't1', '--stat', '--json'],
      ['review', 't1', '--stat', '--merge'],
      ['review', 't1', 't2', '--stat'],
      ['review', 't1', '--stat', '--repo'],
      ['review', 't1', '--stat', '--repo', '--json'],
      ['review', 't1', '--stat', '-h'],
      ['review', '', '--stat'],
    ]) {
      expect(reviewDiffArgs(argv), argv.join(' ')).toBeNull();
    }
  });
});
