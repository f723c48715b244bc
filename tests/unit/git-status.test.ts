import { describe, expect, it } from 'vitest';
import { parseStatusZ } from '../../src/core/git-status.js';

describe('parseStatusZ', () => {
  it('reads entries, skips rename sources and wtagents’ own directory', () => {
    const out = ['M  a.ts', '?? new file.txt', 'R  to.ts', 'from.ts', '?? .wtagents/', ' D gone.ts', ''].join('\0');
    expect(parseStatusZ(out)).toEqual([
      { status: 'M ', path: 'a.ts' },
      { status: '??', path: 'new file.txt' },
      { status: 'R ', path: 'to.ts' },
      { status: ' D', path: 'gone.ts' },
    ]);
    expect(parseStatusZ('')).toEqual([]);
  });
});
