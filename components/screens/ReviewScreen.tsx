// The review gate on screen: header, file list and the selected file's diff (or the evidence tab), a status
// row for questions, the feedback box and messages, and the footer from the key table. Keys go through the
// pure reducer (components/state/review.ts); decisions through the engine's own functions, each confirmed.
import { Box, Text } from 'ink';
import { useEffect, useMemo, useReducer, useRef, useState, type Dispatch } from 'react';
import { errorLine } from '../../src/core/errors.js';
import type { Action } from '../../src/core/keys.js';
import { lockWaitText, type LockWait } from '../../src/core/lock-wait.js';
import { initialReviewState, reviewReducer, loadedDiff, openedState, type PendingDecision, type ReviewAction } from '../state/review.js';
import { typedText } from '../../src/core/terminal-text.js';
import { commentAt, commentPlace, commentedLines, type LineComment } from '../../src/core/line-comment.js';
import { useServices } from '../context.js';
import { useReviewSession } from '../hooks/useReviewSession.js';
import { useKeyHint, useKeys, type KeyHandler, type KeyHandlers } from '../key-stack.js';
import { useMergeChoice } from '../hooks/useMergeChoice.js';
import { DiffPane } from '../parts/DiffPane.js';
import { EvidencePane } from '../parts/EvidencePane.js';
import { FileList } from '../parts/FileList.js';
import { Footer } from '../parts/Footer.js';
import { ReviewStatus, statusRows, type StatusContent } from '../parts/ReviewStatus.js';
import type { AppAction } from '../state/app.js';
import { stateColor, theme } from '../theme.js';
import { reviewHeaderWords, reviewLayout } from '../../src/core/review-layout.js';
import { LeftoversError, abandonOutcome, evidenceRows, evidenceSummary, mergeOutcome, prOutcome, promptText, requestOutcome } from '../../src/app/review-view.js';
import type { Outcome, PromptKeys, PromptTask, TaskEntry } from '../../src/app/types.js';

export interface ReviewScreenProps {
  task: TaskEntry;
  columns: number;
  rows: number;
  active: boolean;
  appDispatch: Dispatch<AppAction>;
  /** A decision was taken: back to the dashboard with this line. */
  onDone: (outcome: Outcome) => void;
}

/** Review actions that are plain reducer steps. */
const STEPS = {
  down: 'down',
  up: 'up',
  pageDown: 'pageDown',
  pageUp: 'pageUp',
  top: 'top',
  bottom: 'bottom',
  nextFile: 'nextFile',
  prevFile: 'prevFile',
  focus: 'toggleFocus',
  evidence: 'toggleEvidence',
  search: 'searchStart',
  searchNext: 'searchNext',
  searchPrev: 'searchPrev',
} as const satisfies Partial<Record<Action<'review'>, ReviewAction['type']>>;

const ASKS = { merge: 'merge', request: 'request-changes', abandon: 'abandon', pr: 'pr', prDraft: 'pr-draft' } as const satisfies Partial<Record<Action<'review'>, PendingDecision>>;

export function ReviewScreen({ task, columns, rows, active, appDispatch, onDone }: ReviewScreenProps) {
  const services = useServices();
  const keyHint = useKeyHint();
  const record = task.record;
  const opened = services.openedReview(record.taskDir); // `wtagents review ID`: files and first diff already there
  const [s, dispatch] = useReducer(reviewReducer, Math.max(1, rows - 4), (h) => openedState(initialReviewState(h), opened));
  const load = useReviewSession(record.taskDir, s.selected, s.loadedIndex !== null, dispatch);
  const [busyText, setBusyText] = useState('');
  const choice = useMergeChoice(record.taskDir);
  const [comments, setComments] = useState<LineComment[]>([]);
  useEffect(() => {
    services.readComments(record.taskDir).then(setComments, () => {});
  }, [services, record.taskDir]);
  const file0 = load.session?.files[s.selected] ?? null;
  const commented = useMemo(() => commentedLines(comments, file0?.path, s.lines), [comments, file0, s.lines]);
  const cursorComment = s.comment !== null && s.lines && file0 ? commentAt(file0.path, s.lines, s.comment, '') : null;

  const pt: PromptTask = { id: record.id, base: record.base, branch: record.branch, round: record.round };
  const pk: PromptKeys = {
    yes: keyHint('confirm.yes'),
    request: keyHint('review.request'),
    commitLeftovers: keyHint('review.commitLeftovers'),
    dropLeftovers: keyHint('review.dropLeftovers'),
    deleteBranch: keyHint('review.deleteBranch'),
    strategy: keyHint('review.mergeStrategy'),
    editMessage: keyHint('review.editMessage'),
    submit: keyHint('prompt.submit'),
    cancel: keyHint('prompt.cancel'),
  };
  const commentOpts = { comments: comments.length, ...(cursorComment ? { commentPlace: commentPlace(cursorComment) } : {}) };
  const prompt = s.confirm
    ? promptText(s.confirm, pt, pk, { squash: false, strategy: choice.strategy, edited: choice.message !== null, leftovers: s.leftovers, ...commentOpts })
    : s.comment !== null
      ? {
          question: `Comment on ${cursorComment ? commentPlace(cursorComment) : 'this line'}? (${keyHint('review.down')}/${keyHint('review.up')} choose the line)`,
          keys: `${keyHint('review.down')}/${keyHint('review.up')} line  ${pk.submit} write the comment  ${pk.cancel} cancel`,
        }
      : null;
  let status: StatusContent;
  if (s.confirm === 'request-changes' || s.confirm === 'comment') status = { kind: 'feedback', label: prompt!.question, value: s.feedback };
  else if (prompt) status = { kind: 'text', text: prompt.question, tone: 'warn', bold: true };
  else if (s.search.mode === 'editing') status = { kind: 'search', query: s.search.query };
  else if (s.busy) status = { kind: 'text', text: busyText, tone: 'warn' };
  else if (s.message) status = { kind: 'text', text: s.message.text, tone: s.message.tone === 'error' ? 'error' : 'normal' };
  else if (load.evidence) status = { kind: 'text', text: `${evidenceSummary(load.evidence)} (${keyHint('review.evidence')}: the evidence)`, tone: 'dim' };
  else status = { kind: 'text', text: `loading ${load.loading.length > 0 ? load.loading.join(', ') : 'the evidence'}…`, tone: 'dim' };
  const statusHeight = statusRows(status, columns)?.length ?? 1;
  const { wide, listWidth, diffWidth, bodyRows } = reviewLayout(columns, rows, statusHeight);

  useEffect(() => dispatch({ type: 'resize', height: bodyRows }), [bodyRows]);
  const commentKey = keyHint('review.comment');
  const evidence = useMemo(
    () => (load.evidence ? evidenceRows({ ...load.evidence, comments }, columns, { comments: `sent with the next request changes; ${commentKey} on the line edits one` }) : null),
    [load.evidence, comments, columns, commentKey],
  );
  useEffect(() => {
    if (evidence) dispatch({ type: 'evidenceLoaded', lines: evidence.length });
  }, [evidence]);

  const decide = (d: PendingDecision, feedback = '') => {
    const dir = record.taskDir;
    let work: Promise<Outcome>;
    if (d === 'merge' || d === 'merge-commit' || d === 'merge-drop') {
      setBusyText(`merging ${record.branch} into ${record.base}…`);
      // Another merge in the repository holds its lock: say who, and keep drawing (ctrl-c still quits).
      const reviewed = { ...(load.session ? { reviewedTip: load.session.range.tip } : {}), ...choice.options(), onWait: (w: LockWait) => setBusyText(`${lockWaitText(w)}…`) };
      work = services.mergeTask(dir, d === 'merge' ? reviewed : { ...reviewed, leftovers: d === 'merge-commit' ? 'commit' : 'drop' }).then((r) => mergeOutcome(r, pt, pk));
    } else if (d === 'abandon' || d === 'abandon-delete') {
      setBusyText(`abandoning ${record.id}: saving its work…`);
      work = services.abandonTask(dir, { deleteBranch: d === 'abandon-delete' }).then((r) => abandonOutcome(r, pt));
    } else if (d === 'pr' || d === 'pr-draft') {
      // Not a decision that ends the review: the outcome stays on this screen.
      setBusyText(`pushing ${record.branch} and opening a pull request…`);
      dispatch({ type: 'decisionStarted' });
      services.openPullRequest(dir, { draft: d === 'pr-draft' }).then(
        (r) => {
          const o = prOutcome(r);
          if (o.tone === 'info') dispatch({ type: 'decisionFinished', message: o.text });
          else dispatch({ type: 'decisionRefused', message: o.text });
        },
        (e: unknown) => dispatch({ type: 'decisionRefused', message: errorLine(e) }),
      );
      return;
    } else if (d === 'request-changes') {
      setBusyText(`recording the feedback and starting round ${record.round + 1}…`);
      work = services.requestChanges(dir, feedback).then((r) => requestOutcome(r, pt));
    } else return;
    dispatch({ type: 'decisionStarted' });
    work.then(
      (outcome) => onDone(outcome),
      (e: unknown) => dispatch({ type: 'decisionRefused', message: errorLine(e), ...(e instanceof LeftoversError ? { leftovers: e.leftovers.map((l) => l.path) } : {}) }),
    );
  };

  const saveLineComment = (text: string) => {
    if (!cursorComment) return;
    const c = { ...cursorComment, text: text.trim() };
    setBusyText(`saving the comment on ${commentPlace(c)}…`);
    dispatch({ type: 'decisionStarted' });
    services.saveComment(record.taskDir, c).then(
      (list) => {
        setComments(list);
        const n = list.length;
        dispatch({ type: 'decisionFinished', message: `${c.text === '' ? 'removed the comment on' : 'comment saved on'} ${commentPlace(c)}: ${n} waiting (${keyHint('review.request')} sends them)` });
      },
      (e: unknown) => dispatch({ type: 'decisionRefused', message: errorLine(e) }),
    );
  };

  // The keys, as layers of the keypress stack: a text box (feedback, a comment) over a question over a
  // prompt (the search being typed, the line being chosen) over the review's own keys.
  const on = active && !s.busy;
  const cancel = () => dispatch({ type: 'cancel' });
  const typing = s.confirm === 'request-changes' || s.confirm === 'comment';
  useKeys(
    'prompt',
    { submit: () => (s.confirm === 'comment' ? saveLineComment(s.feedback) : decide('request-changes', s.feedback)), cancel },
    { layer: 'textBox', active: on && typing, text: true },
  );
  /** A question waits: its own keys answer, any other cancels. */
  const c = s.confirm;
  const askOr = (when: boolean, decision: PendingDecision) => () => dispatch(when ? { type: 'ask', decision } : { type: 'cancel' });
  useKeys(
    ['confirm', 'review'],
    {
      yes: () => (c !== null && c !== 'leftovers' ? decide(c) : cancel()),
      no: cancel,
      commitLeftovers: askOr(c === 'leftovers', 'merge-commit'),
      dropLeftovers: askOr(c === 'leftovers', 'merge-drop'),
      deleteBranch: askOr(c === 'abandon', 'abandon-delete'),
      mergeStrategy: () => (c === 'merge' ? choice.cycle() : cancel()),
      editMessage: () => (c === 'merge' ? choice.edit((e) => dispatch({ type: 'decisionRefused', message: errorLine(e) })) : cancel()),
    },
    { layer: 'confirm', active: on && c !== null, other: cancel },
  );
  useKeys(
    'prompt',
    { submit: () => dispatch({ type: 'searchSubmit' }), cancel: () => dispatch({ type: 'searchCancel' }) },
    {
      layer: 'prompt',
      active: on && s.search.mode === 'editing',
      text: true,
      other: (name, input, key) => {
        if (name === 'backspace' || name === 'delete') dispatch({ type: 'searchBackspace' });
        else if (input !== '' && !key.ctrl && !key.meta) dispatch({ type: 'searchInput', text: typedText(input) });
      },
    },
  );
  /** Choosing the line to comment on: moves, enter writes (an existing comment's text comes back to edit), esc leaves. */
  const move = (delta: number) => () => dispatch({ type: 'commentMove', delta });
  const write = () => {
    const old = cursorComment ? comments.find((x) => x.file === cursorComment.file && x.line === cursorComment.line && x.side === cursorComment.side) : undefined;
    dispatch({ type: 'commentEdit', text: old?.text ?? '' });
  };
  useKeys(
    ['prompt', 'review'],
    { down: move(1), up: move(-1), pageDown: move(bodyRows - 1), pageUp: move(-(bodyRows - 1)), submit: write, comment: write, cancel, back: cancel },
    { layer: 'prompt', active: on && s.comment !== null },
  );
  // The review's own keys; merged keys are taken one by one up to anything but a move.
  /** The state as the keys so far leave it (keys merged in one input come before the next render). */
  const now = useRef(s);
  now.current = s;
  const step = (type: ReviewAction['type']) => (): void | 'stop' => {
    // A file already loaded (prefetched) comes with the key: one frame, no "loading…" frame before it.
    dispatch({ type } as ReviewAction);
    now.current = reviewReducer(now.current, { type } as ReviewAction);
    const loaded = loadedDiff(now.current, load.session);
    if (loaded) {
      dispatch(loaded);
      now.current = reviewReducer(now.current, loaded);
    }
    if (type === 'searchStart') return 'stop';
  };
  const ask = (decision: PendingDecision): KeyHandler => () => (dispatch({ type: 'ask', decision }), 'stop');
  useKeys(
    'review',
    {
      ...(Object.fromEntries(Object.entries(STEPS).map(([action, type]) => [action, step(type)])) as KeyHandlers<'review'>),
      ...(Object.fromEntries(Object.entries(ASKS).map(([action, d]) => [action, ask(d)])) as KeyHandlers<'review'>),
      comment: () => (dispatch({ type: 'commentStart' }), 'stop'),
      help: () => (appDispatch({ type: 'help', screen: 'review' }), 'stop'),
      back: (name) => (name === 'esc' && s.search.mode === 'active' ? cancel() : appDispatch({ type: 'back' }), 'stop'),
    },
    { active: on },
  );

  const session = load.session;
  const files = session?.files ?? [];
  const file = files[s.selected] ?? null;
  let empty: string | null = null;
  if (load.error) empty = `cannot review ${record.id}: ${load.error}`;
  else if (load.phase === 'loading') empty = 'reading the file list…';
  else if (load.phase === 'gone' && task.state === 'draft') empty = `a dry-run task: ${record.branch} does not exist yet, so there is nothing to review`;
  else if (load.phase === 'gone') empty = `${record.branch} is not there any more (${task.state}): nothing to diff; ${keyHint('review.evidence')} shows the evidence`;
  else if (files.length === 0) empty = `no changes between ${record.base} and ${record.branch}`;

  const list = (width: number) => <FileList files={files} selected={s.selected} top={s.fileTop} height={bodyRows} width={width} focused={s.focus === 'files'} />;
  const diff = (width: number) => <DiffPane file={file} lines={s.lines} top={s.diffTop} height={bodyRows} width={width} search={s.search} empty={empty} cursor={s.comment} commented={commented} />;
  let body;
  if (s.tab === 'evidence') body = <EvidencePane rows={evidence} top={s.evidenceTop} height={bodyRows} width={columns} error={load.error} />;
  else if (!wide) body = s.focus === 'files' && files.length > 0 ? list(columns) : diff(columns);
  else {
    body = (
      <>
        {list(listWidth)}
        <Box width={diffWidth + 1} height={bodyRows + 1} borderStyle="single" borderTop={false} borderBottom={false} borderRight={false} borderDimColor>
          {diff(diffWidth)}
        </Box>
      </>
    );
  }

  const header = reviewHeaderWords(record, session?.totals ?? null, session?.counted === true);
  const footer = prompt ? (
    <Box width={columns} height={1} overflow="hidden">
      <Text dimColor wrap="truncate-end">
        {prompt.keys}
      </Text>
    </Box>
  ) : (
    <Footer screen="review" width={columns} />
  );

  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Box width={columns} height={1} overflow="hidden">
        <Text wrap="truncate-end" bold>
          <Text color={theme.accent}>review</Text> {record.id}
          <Text dimColor>{header.range}</Text> · <Text color={stateColor(task.state)}>{task.state}</Text>
          <Text dimColor>{header.round}</Text>
        </Text>
      </Box>
      <Box flexDirection="row" width={columns} height={bodyRows + 1}>
        {body}
      </Box>
      <ReviewStatus
        content={status}
        width={columns}
        active={active && !s.busy}
        onFeedback={(text) => dispatch({ type: 'feedback', text })}
      />
      {footer}
    </Box>
  );
}
