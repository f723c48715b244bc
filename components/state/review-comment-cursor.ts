// Choosing a diff line to comment on (pure, part of the review screen's reducer): `c` puts a cursor on the
// first code line in view, j/k and paging move it between code lines (the diff scrolls to keep it shown),
// enter opens the comment's text box.
import type { DiffLine } from '../../src/core/diff-parse.js';
import { lineTarget } from '../../src/core/line-comment.js';

/** What of the review screen's state choosing a line reads and changes (its reducer's state has all of it). */
export interface CursorState {
  lines: readonly DiffLine[] | null;
  diffTop: number;
  height: number;
  tab: 'diff' | 'evidence';
  focus: 'files' | 'diff';
  busy: boolean;
  confirm: string | null;
  feedback: string;
  comment: number | null;
  message: { text: string; tone: 'info' | 'error' } | null;
}

function scrollDiffTo<S extends CursorState>(s: S, top: number): S {
  const t = Math.max(0, Math.min(top, Math.max(0, (s.lines?.length ?? 0) - s.height)));
  return t === s.diffTop ? s : { ...s, diffTop: t };
}

export type CommentAction = { type: 'commentStart' } | { type: 'commentMove'; delta: number } | { type: 'commentEdit'; text: string };

const codeLine = (s: CursorState, i: number) => s.lines !== null && s.lines[i] !== undefined && lineTarget(s.lines[i]!) !== null;

/** The nearest code line from `from` going `dir` (then the other way), or null when the diff has none. */
function nearest(s: CursorState, from: number, dir: 1 | -1): number | null {
  const n = s.lines?.length ?? 0;
  for (let i = from; i >= 0 && i < n; i += dir) if (codeLine(s, i)) return i;
  for (let i = from - dir; i >= 0 && i < n; i -= dir) if (codeLine(s, i)) return i;
  return null;
}

/** Scroll so that line `i` is in view. */
function show<S extends CursorState>(s: S, i: number): S {
  if (i < s.diffTop) return scrollDiffTo(s, i);
  if (i >= s.diffTop + s.height) return scrollDiffTo(s, i - s.height + 1);
  return s;
}

export function commentStep<S extends CursorState>(s: S, a: CommentAction): S {
  switch (a.type) {
    case 'commentStart': {
      if (s.busy || s.confirm !== null) return s;
      if (s.tab !== 'diff' || s.lines === null) return { ...s, message: { text: 'open a file’s diff to comment on one of its lines', tone: 'error' } };
      const at = nearest(s, s.diffTop, 1);
      if (at === null) return { ...s, message: { text: 'this file has no lines to comment on', tone: 'error' } };
      return show({ ...s, comment: at, focus: 'diff', message: null }, at);
    }
    case 'commentMove': {
      if (s.comment === null || s.confirm !== null) return s;
      const dir = a.delta > 0 ? 1 : -1;
      let at = s.comment;
      for (let step = 0; step < Math.abs(a.delta); step++) {
        let i = at + dir;
        while (i >= 0 && i < (s.lines?.length ?? 0) && !codeLine(s, i)) i += dir;
        if (!codeLine(s, i)) break;
        at = i;
      }
      return show({ ...s, comment: at }, at);
    }
    case 'commentEdit':
      return s.comment === null ? s : { ...s, confirm: 'comment', feedback: a.text };
  }
}
