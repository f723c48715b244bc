import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../../src/core/diff-parse.js';
import { charWidth, cutToWidth, gutterWidth, visibleRows } from '../../src/core/diff-view.js';

/** Columns a string takes, by the same width rules. */
function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += charWidth(ch.codePointAt(0)!);
  return n;
}

describe('cutToWidth', () => {
  it('strips escape sequences and control characters so diff text cannot drive the terminal', () => {
    // 0x9b is the 8-bit CSI: "d" is its final byte, gone with it (as stripControl does: one definition).
    expect(cutToWidth('+a\x1b[31mred\x1b[0m\x1b]0;title\x07b\x07\rc\x9bd', 80)).toBe('+aredbc');
    expect(cutToWidth('a\x9d0;title\x9cb\u202ec', 80)).toBe('abc');
    expect(cutToWidth('x\x1b]8;;http://e\x1b\\link', 80)).toBe('xlink');
  });

  it('expands tabs to stops and never passes the width, wide characters included', () => {
    expect(cutToWidth('a\tb', 10)).toBe('a   b');
    expect(cutToWidth('\t\tx', 6)).toBe('      ');
    expect(cutToWidth('日本語テキスト', 5)).toBe('日本');
    expect(cutToWidth('🙂🙂🙂', 4)).toBe('🙂🙂');
    expect(cutToWidth('abc', 0)).toBe('');
    for (const w of [1, 7, 40]) expect(columns(cutToWidth('x\t日本\t🙂 tail'.repeat(10), w))).toBeLessThanOrEqual(w);
  });

  it('cuts a 20,000-character line to the width', () => {
    const long = `+${'é'.repeat(20_000)}`;
    const row = cutToWidth(long, 120);
    expect(row.length).toBe(120);
    expect(row.startsWith('+é')).toBe(true);
  });
});

describe('visibleRows', () => {
  const lines = parseUnifiedDiff(['diff --git a/x b/x', '@@ -8,3 +8,3 @@', ' a', '-b', '+B', ' c', ''].join('\n'));

  it('renders only the window, each row cut, with line numbers on request', () => {
    expect(visibleRows(lines, 2, 2, 80)).toEqual([
      { kind: 'ctx', text: ' a' },
      { kind: 'del', text: '-b' },
    ]);
    const g = gutterWidth(lines);
    expect(g).toBe(2);
    expect(visibleRows(lines, 3, 10, 80, { gutter: g }).map((r) => r.text)).toEqual([' 9    -b', '    9 +B', '10 10  c']);
    expect(visibleRows(lines, 4, 1, 4, { gutter: g })[0]!.text).toBe('    ');
    expect(visibleRows(lines, 100, 5, 80)).toEqual([]);
  });
});
