import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../../src/core/diff-parse.js';
import { findMatches, initialReviewState, reviewReducer, type ReviewAction, type ReviewScreenState } from '../../components/state/review.js';

const run = (s: ReviewScreenState, ...actions: ReviewAction[]) => actions.reduce(reviewReducer, s);
const diff = (n: number) => parseUnifiedDiff(['diff --git a/f b/f', `@@ -1,${n} +1,${n} @@`, ...Array.from({ length: n }, (_, i) => ` line ${i}`), ''].join('\n'));

describe('review screen reducer', () => {
  it('moves the file selection with j/k and scrolls the list to keep it visible', () => {
    let s = run(initialReviewState(3), { type: 'files', count: 10 });
    s = run(s, { type: 'down' }, { type: 'down' }, { type: 'down' });
    expect([s.selected, s.fileTop]).toEqual([3, 1]);
    s = run(s, { type: 'bottom' });
    expect([s.selected, s.fileTop]).toEqual([9, 7]);
    s = run(s, { type: 'top' }, { type: 'up' });
    expect([s.selected, s.fileTop]).toEqual([0, 0]);
  });

  it('drops the shown diff when the selection moves, and ignores a diff that arrives late', () => {
    let s = run(initialReviewState(5), { type: 'files', count: 3 }, { type: 'diffLoaded', index: 0, lines: diff(3) });
    expect(s.loadedIndex).toBe(0);
    s = run(s, { type: 'nextFile' });
    expect([s.selected, s.lines, s.loadedIndex]).toEqual([1, null, null]);
    s = run(s, { type: 'diffLoaded', index: 0, lines: diff(3) });
    expect(s.lines).toBeNull();
    s = run(s, { type: 'diffLoaded', index: 1, lines: diff(4) }, { type: 'prevFile' }, { type: 'prevFile' });
    expect(s.selected).toBe(0);
  });

  it('pages the diff with space/b, g/G, and j/k once the diff has the focus', () => {
    let s = run(initialReviewState(10), { type: 'files', count: 2 }, { type: 'diffLoaded', index: 0, lines: diff(100) });
    // 102 lines (file header, hunk, 100 lines) in 10 rows: the last top is 92
    s = run(s, { type: 'pageDown' });
    expect(s.diffTop).toBe(9);
    s = run(s, { type: 'pageDown' }, { type: 'pageUp' });
    expect(s.diffTop).toBe(9);
    s = run(s, { type: 'toggleFocus' }, { type: 'bottom' });
    expect([s.focus, s.diffTop, s.selected]).toEqual(['diff', 92, 0]);
    s = run(s, { type: 'down' });
    expect(s.diffTop).toBe(92);
    s = run(s, { type: 'up' }, { type: 'top' });
    expect(s.diffTop).toBe(0);
    s = run(s, { type: 'resize', height: 200 });
    expect(s.diffTop).toBe(0);
  });

  it('searches the diff: type, submit, jump to matches, wrap, cancel', () => {
    let s = run(initialReviewState(5), { type: 'files', count: 1 }, { type: 'diffLoaded', index: 0, lines: diff(50) });
    s = run(s, { type: 'searchStart' }, { type: 'searchInput', text: 'line 4' }, { type: 'searchInput', text: 'x' }, { type: 'searchBackspace' });
    expect(s.search).toMatchObject({ mode: 'editing', query: 'line 4' });
    s = run(s, { type: 'down' }); // navigation keys do nothing while typing
    expect(s.selected).toBe(0);
    s = run(s, { type: 'searchSubmit' });
    // "line 4" matches line 4 and lines 40–49 (indices 6, 42…51)
    expect(s.search.matches.length).toBe(11);
    expect([s.search.current, s.diffTop, s.focus]).toEqual([0, 6, 'diff']);
    s = run(s, { type: 'searchNext' });
    expect(s.diffTop).toBe(42);
    s = run(s, { type: 'searchPrev' }, { type: 'searchPrev' });
    expect(s.search.current).toBe(10);
    expect(s.diffTop).toBe(47); // line 51 clamped to the last top (52 lines − 5 rows)
    s = run(s, { type: 'cancel' });
    expect(s.search.mode).toBe('off');
  });

  it('uses smart case', () => {
    const lines = parseUnifiedDiff('@@ -1,2 +1,2 @@\n Foo\n foo\n');
    expect(findMatches(lines, 'foo', 0).matches).toEqual([1, 2]);
    expect(findMatches(lines, 'Foo', 0).matches).toEqual([1]);
  });

  it('switches to the evidence tab and scrolls it on its own', () => {
    let s = run(initialReviewState(4), { type: 'files', count: 2 }, { type: 'toggleEvidence' }, { type: 'evidenceLoaded', lines: 10 });
    s = run(s, { type: 'down' }, { type: 'pageDown' });
    expect([s.tab, s.evidenceTop, s.selected]).toEqual(['evidence', 4, 0]);
    s = run(s, { type: 'bottom' }, { type: 'toggleEvidence' });
    expect([s.tab, s.evidenceTop]).toEqual(['diff', 6]);
  });

  it('holds a decision until confirmed, takes feedback text, and refuses a second while one runs', () => {
    let s = run(initialReviewState(4), { type: 'ask', decision: 'request-changes' }, { type: 'feedbackInput', text: 'add tests🙂' }, { type: 'feedbackBackspace' });
    expect([s.confirm, s.feedback]).toEqual(['request-changes', 'add tests']);
    s = run(s, { type: 'cancel' });
    expect([s.confirm, s.feedback]).toEqual([null, '']);
    s = run(s, { type: 'ask', decision: 'merge' }, { type: 'decisionStarted' });
    expect([s.confirm, s.busy]).toEqual([null, true]);
    s = run(s, { type: 'ask', decision: 'abandon' });
    expect(s.confirm).toBeNull();
    s = run(s, { type: 'decisionFinished', message: 'merged' });
    expect([s.busy, s.message]).toEqual([false, { text: 'merged', tone: 'info' }]);
  });

  it('takes the whole feedback text from the input box, only while asking for it', () => {
    let s = run(initialReviewState(4), { type: 'feedback', text: 'ignored' });
    expect(s.feedback).toBe('');
    s = run(s, { type: 'ask', decision: 'request-changes' }, { type: 'feedback', text: 'add a test' });
    expect(s.feedback).toBe('add a test');
  });

  it('a prompt takes the keys: nothing moves behind it', () => {
    let s = run(initialReviewState(5), { type: 'files', count: 3 }, { type: 'diffLoaded', index: 0, lines: diff(50) }, { type: 'ask', decision: 'merge' });
    s = run(s, { type: 'down' }, { type: 'pageDown' }, { type: 'nextFile' }, { type: 'toggleEvidence' }, { type: 'searchStart' });
    expect([s.selected, s.diffTop, s.tab, s.search.mode, s.confirm]).toEqual([0, 0, 'diff', 'off', 'merge']);
  });

  it('a refused merge offers the leftovers choice; its question keeps the refusal; cancel clears both', () => {
    let s = run(initialReviewState(4), { type: 'ask', decision: 'merge' }, { type: 'decisionStarted' });
    s = run(s, { type: 'decisionRefused', message: 'cannot merge: 2 files', leftovers: ['a', 'b'] });
    expect([s.busy, s.confirm, s.leftovers, s.message]).toEqual([false, 'leftovers', ['a', 'b'], { text: 'cannot merge: 2 files', tone: 'error' }]);
    s = run(s, { type: 'ask', decision: 'merge-commit' });
    expect([s.confirm, s.leftovers, s.message?.text]).toEqual(['merge-commit', ['a', 'b'], 'cannot merge: 2 files']);
    s = run(s, { type: 'cancel' });
    expect([s.confirm, s.leftovers, s.message]).toEqual([null, [], null]);
  });

  it('any other refusal is one error line and no prompt', () => {
    let s = run(initialReviewState(4), { type: 'ask', decision: 'merge' }, { type: 'decisionStarted' });
    s = run(s, { type: 'decisionRefused', message: 'cannot merge into main: dirty' });
    expect([s.busy, s.confirm, s.message]).toEqual([false, null, { text: 'cannot merge into main: dirty', tone: 'error' }]);
    s = run(s, { type: 'down' }); // the screen works on
    s = run(s, { type: 'message', message: null });
    expect(s.message).toBeNull();
  });
});
