// Line comments (pure): reading FILE:LINE:TEXT, the place and code of a diff line, add/replace/remove, and
// the packet text.
import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../../src/core/diff-parse.js';
import { commentAt, commentsText, parseCommentArg, upsertComment } from '../../src/core/line-comment.js';

const DIFF = 'diff --git a/x.ts b/x.ts\n--- a/x.ts\n+++ b/x.ts\n@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n';

describe('line comments', () => {
  it('reads FILE:LINE:TEXT, the file may hold colons, the text may be empty', () => {
    expect(parseCommentArg('src/a.ts:12:rename: this')).toEqual({ file: 'src/a.ts', line: 12, text: 'rename: this' });
    expect(parseCommentArg('C:/odd:3:x')).toEqual({ file: 'C:/odd', line: 3, text: 'x' });
    expect(parseCommentArg('a.ts:4:')).toEqual({ file: 'a.ts', line: 4, text: '' });
    expect(parseCommentArg('a.ts:0:x')).toBeNull();
    expect(parseCommentArg('a.ts')).toBeNull();
  });

  it('takes the place and code of a diff line: new side for added and context lines, old side for removed ones', () => {
    const lines = parseUnifiedDiff(DIFF);
    const del = lines.findIndex((l) => l.text === '-two');
    const add = lines.findIndex((l) => l.text === '+TWO');
    expect(commentAt('x.ts', lines, del, 'why?', 't')).toMatchObject({ line: 2, side: 'old', code: [' one', '-two', '+TWO', ' three'], at: 1, hunk: '@@ -1,3 +1,3 @@' });
    expect(commentAt('x.ts', lines, add, 'ok', 't')).toMatchObject({ line: 2, side: 'new', at: 2 });
    expect(commentAt('x.ts', lines, 0, 'header', 't')).toBeNull();
  });

  it('replaces a comment on the same line, removes it on empty text, and quotes them for the packet', () => {
    const lines = parseUnifiedDiff(DIFF);
    const add = lines.findIndex((l) => l.text === '+TWO');
    let list = upsertComment([], commentAt('x.ts', lines, add, 'first', 't1')!);
    list = upsertComment(list, commentAt('x.ts', lines, add, 'second', 't2')!);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ text: 'second', createdAt: 't1', updatedAt: 't2' });
    expect(commentsText(list)).toBe('Line comments from the reviewer (1):\n\n- x.ts:2\n  ```diff\n   one\n  -two\n  +TWO   ◀\n   three\n  ```\n  > second');
    expect(upsertComment(list, commentAt('x.ts', lines, add, '  ', 't3')!)).toEqual([]);
  });
});
