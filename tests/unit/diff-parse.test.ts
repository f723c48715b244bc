import { describe, expect, it } from 'vitest';
import { diffTotals, fileLabel, parseDiffList, parseUnifiedDiff, splitPatch, unquotePath } from '../../src/core/diff-parse.js';

const Z = '0'.repeat(40);
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('parseDiffList (--raw --numstat -z)', () => {
  it('pairs raw and numstat records: modify, delete, rename, add with a tab in its name, binary', () => {
    const text = [
      `:100644 100644 ${A} ${B} M`,
      'b.bin',
      `:100644 000000 ${A} ${Z} D`,
      'del.txt',
      `:100644 100644 ${A} ${B} R085`,
      'a.txt',
      'ren ame.txt',
      `:000000 100755 ${Z} ${B} A`,
      'tab\tname.txt',
      '-\t-\tb.bin',
      '0\t1\tdel.txt',
      '1\t0\t',
      'a.txt',
      'ren ame.txt',
      '12\t0\ttab\tname.txt',
      '',
    ].join('\0');
    const files = parseDiffList(text);
    expect(files).toEqual([
      { path: 'b.bin', status: 'M', added: 0, removed: 0, binary: true, newSha: B, newMode: '100644' },
      { path: 'del.txt', status: 'D', added: 0, removed: 1, binary: false, newSha: Z, newMode: '000000' },
      { path: 'ren ame.txt', oldPath: 'a.txt', status: 'R', similarity: 85, added: 1, removed: 0, binary: false, newSha: B, newMode: '100644' },
      { path: 'tab\tname.txt', status: 'A', added: 12, removed: 0, binary: false, newSha: B, newMode: '100755' },
    ]);
    expect(diffTotals(files)).toEqual({ files: 4, added: 13, removed: 1 });
    expect(fileLabel(files[2]!)).toBe('a.txt → ren ame.txt');
  });

  it('reads numstat alone (renames inferred) and an empty diff', () => {
    expect(parseDiffList('3\t1\tx.ts\0' + '0\t0\t\0old\0new\0')).toEqual([
      { path: 'x.ts', status: 'M', added: 3, removed: 1, binary: false },
      { path: 'new', oldPath: 'old', status: 'R', added: 0, removed: 0, binary: false },
    ]);
    expect(parseDiffList('')).toEqual([]);
  });
});

describe('parseUnifiedDiff', () => {
  const patch = [
    'diff --git a/x.txt b/x.txt',
    'index 111..222 100644',
    '--- a/x.txt',
    '+++ b/x.txt',
    '@@ -1,3 +1,3 @@',
    ' keep',
    '--- this removed line looks like a header',
    '+++ this added line too',
    ' end',
    '\\ No newline at end of file',
    'diff --git a/y.txt b/y.txt',
    'new file mode 100644',
    '--- /dev/null',
    '+++ b/y.txt',
    '@@ -0,0 +1 @@',
    '+only',
    '',
  ].join('\n');

  it('types every line by hunk counts, not by its look, and numbers old and new lines', () => {
    const lines = parseUnifiedDiff(patch);
    expect(lines.map((l) => l.kind)).toEqual(['file', 'meta', 'meta', 'meta', 'hunk', 'ctx', 'del', 'add', 'ctx', 'note', 'file', 'meta', 'meta', 'meta', 'hunk', 'add']);
    expect(lines[5]).toEqual({ kind: 'ctx', text: ' keep', oldNo: 1, newNo: 1 });
    expect(lines[6]).toMatchObject({ kind: 'del', oldNo: 2 });
    expect(lines[7]).toMatchObject({ kind: 'add', newNo: 2 });
    expect(lines[8]).toMatchObject({ oldNo: 3, newNo: 3 });
    expect(lines[15]).toMatchObject({ kind: 'add', newNo: 1, text: '+only' });
  });

  it('cuts a patch per file and reads the paths from the headers', () => {
    const more = [
      'diff --git a/old name.txt b/new name.txt',
      'similarity index 100%',
      'rename from old name.txt',
      'rename to new name.txt',
      'diff --git "a/t\\303\\251st\\tx" "b/t\\303\\251st\\tx"',
      'deleted file mode 100644',
      '--- "a/t\\303\\251st\\tx"',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-gone',
      'diff --git a/img.png b/img.png',
      'Binary files a/img.png and b/img.png differ',
      '',
    ].join('\n');
    const sections = splitPatch(parseUnifiedDiff(patch + more));
    expect(sections.map((s) => s.path)).toEqual(['x.txt', 'y.txt', 'new name.txt', 'tést\tx', 'img.png']);
    expect(sections[3]!.lines.filter((l) => l.kind === 'del').map((l) => l.text)).toEqual(['-gone']);
  });

  it('unquotes C-style quoted paths and leaves plain ones alone', () => {
    expect(unquotePath('"a\\"b\\\\c\\n"')).toBe('a"b\\c\n');
    expect(unquotePath('"\\360\\237\\231\\202.txt"')).toBe('🙂.txt');
    expect(unquotePath('plain "quoted" inside')).toBe('plain "quoted" inside');
  });
});
