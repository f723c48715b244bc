// The review's first paint (src/core/first-paint.ts), drawn on a test screen: the review screen's layout with the
// first file's diff, each diff row as the diff view cuts it, colours only when allowed, and nothing when the
// terminal is too narrow for the diff to be on the first screen. Hostile task text stays on its row.
import { describe, expect, it } from 'vitest';
import { FIRST_PAINT_ENTER, firstPaint, type FirstPaintInput } from '../../src/core/first-paint.js';
import { parseUnifiedDiff, type DiffFile } from '../../src/core/diff-parse.js';
import { fileRowText, reviewLayout } from '../../src/core/review-layout.js';
import { screenRows } from '../helpers/screen-grid.js';

const DIFF = ['diff --git a/src/a.ts b/src/a.ts', 'index 1111111..2222222 100644', '--- a/src/a.ts', '+++ b/src/a.ts', '@@ -1,3 +1,3 @@', ' one', '-two', '+TWO\tafter a tab', ' three', ''].join('\n');
const files: DiffFile[] = [
  { path: 'src/a.ts', status: 'M', added: 0, removed: 0, binary: false, uncounted: true },
  { path: 'src/b.ts', status: 'A', added: 0, removed: 0, binary: false, uncounted: true },
];

function input(over: Partial<FirstPaintInput> = {}): FirstPaintInput {
  return { columns: 100, rows: 20, task: { id: 'fix-it', base: 'main', branch: 'wtagents/fix-it', state: 'done', round: 2, title: 'Fix it' }, files, lines: parseUnifiedDiff(DIFF), color: false, ...over };
}

describe('first paint', () => {
  it('lays out header, file list, border and the first file’s diff where the review screen has them', () => {
    const out = firstPaint(input())!;
    expect(out.startsWith(FIRST_PAINT_ENTER)).toBe(true);
    const rows = screenRows(out, 100, 20);
    const { listWidth } = reviewLayout(100, 20);
    expect(rows[0]).toBe('review fix-it · main...wtagents/fix-it · 2 files · done · round 2 · Fix it');
    expect(rows[1]).toBe(`${'Files (2)'.padEnd(listWidth)}│src/a.ts · lines 1–9 of 9`);
    expect(rows[2]!.slice(0, listWidth)).toBe(fileRowText(files[0]!, listWidth, true).text.padEnd(listWidth));
    expect(rows[3]!.slice(0, listWidth + 1)).toBe(`${fileRowText(files[1]!, listWidth, false).text.padEnd(listWidth)}│`);
    const diff = rows.slice(2, 12).map((r) => r.slice(listWidth + 1));
    expect(diff[0]).toBe('    diff --git a/src/a.ts b/src/a.ts');
    expect(diff).toContain('2   -two');
    expect(diff).toContain('  2 +TWO    after a tab'); // tabs expanded as the diff view does
    expect(rows[reviewLayout(100, 20).bodyRows + 2]).toBe('loading…');
  });

  it('colours rows by kind only when colour is allowed', () => {
    expect(firstPaint(input())!).not.toMatch(/\u001b\[3\dm/);
    const coloured = firstPaint(input({ color: true }))!;
    expect(coloured).toContain('\u001b[31m2   -two\u001b[39m');
    expect(coloured).toContain('\u001b[32m  2 +TWO');
  });

  it('paints nothing when the first screen would not show the diff', () => {
    expect(firstPaint(input({ columns: 79 }))).toBeNull(); // narrow: the file list comes first
    expect(firstPaint(input({ rows: 4 }))).toBeNull();
    expect(firstPaint(input({ files: [] }))).toBeNull();
  });

  it('keeps hostile task text and paths on their own row, cut to the width', () => {
    const title = 'evil \u001b[2J\u001b[31mred $(rm -rf /) `x`\nsecond line ' + 'ü'.repeat(300);
    const path = 'src/\u001b]0;pwned\u0007weird name.ts';
    const out = firstPaint(input({ task: { ...input().task, title }, files: [{ ...files[0]!, path }] }))!;
    expect(out).not.toContain('\u001b[2J\u001b[31m');
    expect(out).not.toContain('\u001b]0;');
    const rows = screenRows(out.slice(FIRST_PAINT_ENTER.length), 100, 20);
    expect(rows[0]).toBe('review fix-it · main...wtagents/fix-it · 1 file · done · round 2 · evil red $(rm -rf /) `x` second l'); // one row, cut at 100
    expect(rows[1]).toContain('src/weird name.ts');
  });
});
