// The review screen's state as a pure reducer: file selection and list scroll, diff scroll, search in the
// diff, files↔diff focus, the evidence tab, and the decision prompts (a `y` question, the leftovers choice
// after a refused merge, the feedback text). The screen only dispatches and draws.
import type { DiffLine } from '../../src/core/diff-parse.js';
import type { PendingDecision } from '../../src/app/types.js';
import { commentStep, type CommentAction } from './review-comment-cursor.js';

export type ReviewFocus = 'files' | 'diff';
export type ReviewTab = 'diff' | 'evidence';
export type { PendingDecision };

export interface ReviewMessage {
  text: string;
  tone: 'info' | 'error';
}

export interface SearchState {
  /** editing: typing the query; active: matches highlighted, n/N move between them. */
  mode: 'off' | 'editing' | 'active';
  query: string;
  /** Indices of matching diff lines. */
  matches: number[];
  /** Index into `matches` of the current match (-1: none). */
  current: number;
}

export interface ReviewScreenState {
  fileCount: number;
  selected: number;
  fileTop: number;
  focus: ReviewFocus;
  tab: ReviewTab;
  /** The diff lines of file `loadedIndex`; null while the selected file loads. */
  lines: readonly DiffLine[] | null;
  loadedIndex: number | null;
  diffTop: number;
  evidenceTop: number;
  evidenceLines: number;
  /** Rows available to the file list and the diff (terminal rows minus header and footer). */
  height: number;
  search: SearchState;
  /** A decision waiting for its `y` (or, for request changes, for its feedback text). */
  confirm: PendingDecision | null;
  feedback: string;
  /** The uncommitted files a refused merge named (the `leftovers` choice shows them). */
  leftovers: readonly string[];
  busy: boolean;
  message: ReviewMessage | null;
  /** Choosing the diff line to comment on (`c`): its index in `lines`; null otherwise. */
  comment: number | null;
}

export type ReviewAction =
  | { type: 'files'; count: number }
  | { type: 'resize'; height: number }
  | { type: 'diffLoaded'; index: number; lines: readonly DiffLine[] }
  | { type: 'evidenceLoaded'; lines: number }
  | { type: 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom' | 'nextFile' | 'prevFile' | 'toggleFocus' | 'toggleEvidence' }
  | { type: 'searchStart' | 'searchBackspace' | 'searchSubmit' | 'searchCancel' | 'searchNext' | 'searchPrev' }
  | { type: 'searchInput'; text: string }
  | { type: 'ask'; decision: PendingDecision }
  | { type: 'feedbackInput'; text: string }
  | { type: 'feedbackBackspace' }
  | { type: 'feedback'; text: string }
  | { type: 'cancel' }
  | { type: 'decisionStarted' }
  | { type: 'decisionFinished'; message: string }
  /** The engine refused (nothing changed): its one line; with `leftovers`, the commit-or-drop choice is offered. */
  | { type: 'decisionRefused'; message: string; leftovers?: readonly string[] }
  | { type: 'message'; message: ReviewMessage | null }
  | CommentAction;

const NO_SEARCH: SearchState = { mode: 'off', query: '', matches: [], current: -1 };

export function initialReviewState(height: number, fileCount = 0): ReviewScreenState {
  return {
    fileCount,
    selected: 0,
    fileTop: 0,
    focus: 'files',
    tab: 'diff',
    lines: null,
    loadedIndex: null,
    diffTop: 0,
    evidenceTop: 0,
    evidenceLines: 0,
    height: Math.max(1, height),
    search: NO_SEARCH,
    confirm: null,
    feedback: '',
    leftovers: [],
    busy: false,
    message: null,
    comment: null,
  };
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

export function reviewReducer(s: ReviewScreenState, a: ReviewAction): ReviewScreenState {
  switch (a.type) {
    case 'files':
      return withFileList({ ...s, fileCount: a.count }, clamp(s.selected, 0, Math.max(0, a.count - 1)));
    case 'resize': {
      const next = { ...s, height: Math.max(1, a.height) };
      return { ...withFileList(next, next.selected), diffTop: clamp(s.diffTop, 0, maxTop(next)), evidenceTop: clamp(s.evidenceTop, 0, Math.max(0, s.evidenceLines - next.height)) };
    }
    case 'diffLoaded': {
      if (a.index !== s.selected) return s; // arrived after the user moved on
      if (a.index === s.loadedIndex && a.lines === s.lines) return s; // already shown (taken from the cache with the key)
      const next = { ...s, lines: a.lines, loadedIndex: a.index, diffTop: 0, comment: null };
      return s.search.mode === 'active' ? { ...next, search: findMatches(a.lines, s.search.query, 0) } : next;
    }
    case 'evidenceLoaded':
      return { ...s, evidenceLines: a.lines, evidenceTop: clamp(s.evidenceTop, 0, Math.max(0, a.lines - s.height)) };
    case 'ask':
      if (s.busy) return s;
      // The leftovers choice keeps the refusal on screen while its y question is asked.
      return { ...s, confirm: a.decision, feedback: '', message: s.confirm === 'leftovers' ? s.message : null };
    case 'commentStart':
    case 'commentMove':
    case 'commentEdit':
      return commentStep(s, a);
    case 'cancel':
      if (s.comment !== null && s.confirm === 'comment') return { ...s, confirm: null, feedback: '' }; // back to choosing the line
      if (s.comment !== null) return { ...s, comment: null };
      if (s.confirm) return { ...s, confirm: null, feedback: '', leftovers: [], message: s.confirm === 'leftovers' || s.leftovers.length > 0 ? null : s.message };
      if (s.search.mode !== 'off') return { ...s, search: NO_SEARCH };
      return s;
    case 'feedbackInput':
      return typing(s) ? { ...s, feedback: s.feedback + a.text } : s;
    case 'feedbackBackspace':
      return typing(s) ? { ...s, feedback: [...s.feedback].slice(0, -1).join('') } : s;
    case 'feedback':
      return typing(s) ? { ...s, feedback: a.text } : s;
    case 'decisionStarted':
      return { ...s, busy: true, confirm: null, message: null };
    case 'decisionFinished':
      return { ...s, busy: false, message: { text: a.message, tone: 'info' }, feedback: '', leftovers: [], comment: null };
    case 'decisionRefused': {
      const offer = a.leftovers !== undefined && a.leftovers.length > 0;
      return { ...s, busy: false, confirm: offer ? 'leftovers' : null, leftovers: offer ? a.leftovers! : [], message: { text: a.message, tone: 'error' } };
    }
    case 'message':
      return { ...s, message: a.message };
    default:
      if (s.confirm !== null || s.comment !== null) return s; // a prompt takes the keys: nothing moves behind it
      return s.search.mode === 'editing' ? searchEdit(s, a) : navigate(s, a);
  }
}

function navigate(s: ReviewScreenState, a: ReviewAction): ReviewScreenState {
  const onDiff = s.tab === 'diff';
  const page = Math.max(1, s.height - 1);
  switch (a.type) {
    case 'toggleFocus':
      return onDiff ? { ...s, focus: s.focus === 'files' ? 'diff' : 'files' } : s;
    case 'toggleEvidence':
      return { ...s, tab: onDiff ? 'evidence' : 'diff' };
    case 'nextFile':
      return select(s, s.selected + 1);
    case 'prevFile':
      return select(s, s.selected - 1);
    case 'up':
    case 'down': {
      const d = a.type === 'down' ? 1 : -1;
      if (!onDiff) return scrollEvidence(s, d);
      return s.focus === 'files' ? select(s, s.selected + d) : scrollDiff(s, s.diffTop + d);
    }
    case 'pageUp':
    case 'pageDown': {
      const d = a.type === 'pageDown' ? page : -page;
      return onDiff ? scrollDiff(s, s.diffTop + d) : scrollEvidence(s, d);
    }
    case 'top':
    case 'bottom': {
      const end = a.type === 'bottom';
      if (!onDiff) return { ...s, evidenceTop: end ? Math.max(0, s.evidenceLines - s.height) : 0 };
      if (s.focus === 'files') return select(s, end ? s.fileCount - 1 : 0);
      return scrollDiff(s, end ? maxTop(s) : 0);
    }
    case 'searchStart':
      return onDiff ? { ...s, search: { ...NO_SEARCH, mode: 'editing' } } : s;
    case 'searchNext':
    case 'searchPrev':
      return jump(s, a.type === 'searchNext' ? 1 : -1);
    default:
      return s;
  }
}

function searchEdit(s: ReviewScreenState, a: ReviewAction): ReviewScreenState {
  switch (a.type) {
    case 'searchInput':
      return { ...s, search: { ...s.search, query: s.search.query + a.text } };
    case 'searchBackspace':
      return { ...s, search: { ...s.search, query: [...s.search.query].slice(0, -1).join('') } };
    case 'searchSubmit': {
      if (s.search.query === '') return { ...s, search: NO_SEARCH };
      const found = findMatches(s.lines ?? [], s.search.query, s.diffTop);
      const next = { ...s, focus: 'diff' as const, search: found };
      return found.current >= 0 ? scrollDiff(next, found.matches[found.current]!) : next;
    }
    case 'searchCancel':
      return { ...s, search: NO_SEARCH };
    default:
      return s; // other keys are text while typing: the screen sends them as searchInput
  }
}

/** Matching line indices; smart case (an upper-case letter makes it case-sensitive). Current: first at or after `from`. */
export function findMatches(lines: readonly DiffLine[], query: string, from: number): SearchState {
  const sensitive = query !== query.toLowerCase();
  const q = sensitive ? query : query.toLowerCase();
  const matches: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.text;
    if ((sensitive ? t : t.toLowerCase()).includes(q)) matches.push(i);
  }
  const at = matches.findIndex((m) => m >= from);
  return { mode: 'active', query, matches, current: matches.length === 0 ? -1 : at < 0 ? 0 : at };
}

function jump(s: ReviewScreenState, d: 1 | -1): ReviewScreenState {
  const { matches, current } = s.search;
  if (s.search.mode !== 'active' || matches.length === 0) return s;
  const next = (current + d + matches.length) % matches.length;
  return scrollDiff({ ...s, search: { ...s.search, current: next } }, matches[next]!);
}

function select(s: ReviewScreenState, index: number): ReviewScreenState {
  if (s.fileCount === 0) return s;
  const i = clamp(index, 0, s.fileCount - 1);
  if (i === s.selected) return s;
  const search = s.search.mode === 'active' ? { ...s.search, matches: [], current: -1 } : s.search;
  return withFileList({ ...s, lines: null, loadedIndex: null, diffTop: 0, search, comment: null }, i);
}

/** Set the selection and scroll the file list just enough to show it. */
function withFileList(s: ReviewScreenState, selected: number): ReviewScreenState {
  let top = s.fileTop;
  if (selected < top) top = selected;
  if (selected >= top + s.height) top = selected - s.height + 1;
  top = clamp(top, 0, Math.max(0, s.fileCount - s.height));
  return { ...s, selected, fileTop: top };
}

function maxTop(s: ReviewScreenState): number {
  return Math.max(0, (s.lines?.length ?? 0) - s.height);
}

function scrollDiff(s: ReviewScreenState, top: number): ReviewScreenState {
  const t = clamp(top, 0, maxTop(s));
  return t === s.diffTop ? s : { ...s, diffTop: t };
}

function scrollEvidence(s: ReviewScreenState, d: number): ReviewScreenState {
  return { ...s, evidenceTop: clamp(s.evidenceTop + d, 0, Math.max(0, s.evidenceLines - s.height)) };
}

/** The text box is up: request changes' feedback, or a line comment. */
function typing(s: ReviewScreenState): boolean {
  return s.confirm === 'request-changes' || s.confirm === 'comment';
}

/** What the screen reads loaded diffs from (the review session's loader), without its engine types. */
export interface LoadedDiffs {
  files: readonly unknown[];
  loader: { peek(index: number): { index: number; lines: readonly DiffLine[] } | undefined };
}

/** The selected file's diff when the loader already has it (prefetched): shown with the key, in one frame. */
export function loadedDiff(s: ReviewScreenState, session: LoadedDiffs | null | undefined): ReviewAction | null {
  if (s.lines !== null || !session) return null;
  const d = session.loader.peek(s.selected);
  return d ? { type: 'diffLoaded', index: d.index, lines: d.lines } : null;
}

/** The first state of a review opened before its first frame (`wtagents review ID`): its files and first diff. */
export function openedState(s: ReviewScreenState, opened: LoadedDiffs | undefined): ReviewScreenState {
  if (!opened) return s;
  const listed = reviewReducer(s, { type: 'files', count: opened.files.length });
  const d = loadedDiff(listed, opened);
  return d ? reviewReducer(listed, d) : listed;
}
