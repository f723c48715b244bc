// The review gate on screen: header, file list and the selected file's diff (or the evidence tab), a status
// row for questions, the feedback box and messages, and the footer from the key table. Keys go through the
// pure reducer (components/state/review.ts); decisions through the engine's own functions, each confirmed.
import { Box, Text, useInput } from 'ink';
import { useEffect, useMemo, useReducer, useState, type Dispatch } from 'react';
import { errorLine } from '../../src/core/errors.js';
import { lockWaitText, type LockWait } from '../../src/core/lock-wait.js';
import { actionFor, keyHint, keyName, splitKeys } from '../../src/core/keys.js';
import { initialReviewState, reviewReducer, loadedDiff, openedState, type PendingDecision, type ReviewAction } from '../state/review.js';
import { oneRow } from '../../src/core/terminal-text.js';
import { commentAt, commentPlace, commentedLines, type LineComment } from '../../src/core/line-comment.js';
import { useServices } from '../context.js';
import { useReviewSession } from '../hooks/useReviewSession.js';
import { useMergeChoice } from '../hooks/useMergeChoice.js';
import { DiffPane } from '../parts/DiffPane.js';
import { EvidencePane } from '../parts/EvidencePane.js';
import { FileList } from '../parts/FileList.js';
import { Footer } from '../parts/Footer.js';
import { ReviewStatus, statusRows, type StatusContent } from '../parts/ReviewStatus.js';
import type { AppAction } from '../state/app.js';
import { stateColor, theme } from '../theme.js';
import { plural } from '../../src/core/format.js';
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

/** From this width the file list and the diff sit side by side; narrower, tab switches between them. */
const WIDE_MIN_COLUMNS = 80;

/** Review actions that are plain reducer steps. */
const STEPS: Record<string, ReviewAction['type']> = {
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
};

const ASKS: Record<string, PendingDecision> = { merge: 'merge', request: 'request-changes', abandon: 'abandon', pr: 'pr', prDraft: 'pr-draft' };

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

export function ReviewScreen({ task, columns, rows, active, appDispatch, onDone }: ReviewScreenProps) {
  const services = useServices();
  const { keys } = services;
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
    yes: keyHint(keys, 'confirm', 'yes'),
    request: keyHint(keys, 'review', 'request'),
    commitLeftovers: keyHint(keys, 'review', 'commitLeftovers'),
    dropLeftovers: keyHint(keys, 'review', 'dropLeftovers'),
    deleteBranch: keyHint(keys, 'review', 'deleteBranch'),
    strategy: keyHint(keys, 'review', 'mergeStrategy'),
    editMessage: keyHint(keys, 'review', 'editMessage'),
  };
  const commentOpts = { comments: comments.length, ...(cursorComment ? { commentPlace: commentPlace(cursorComment) } : {}) };
  const prompt = s.confirm
    ? promptText(s.confirm, pt, pk, { squash: false, strategy: choice.strategy, edited: choice.message !== null, leftovers: s.leftovers, ...commentOpts })
    : s.comment !== null
      ? { question: `Comment on ${cursorComment ? commentPlace(cursorComment) : 'this line'}? (j/k choose the line)`, keys: 'j/k line  enter write the comment  esc cancel' }
      : null;
  let status: StatusContent;
  if (s.confirm === 'request-changes' || s.confirm === 'comment') status = { kind: 'feedback', label: prompt!.question, value: s.feedback };
  else if (prompt) status = { kind: 'text', text: prompt.question, tone: 'warn', bold: true };
  else if (s.search.mode === 'editing') status = { kind: 'search', query: s.search.query };
  else if (s.busy) status = { kind: 'text', text: busyText, tone: 'warn' };
  else if (s.message) status = { kind: 'text', text: s.message.text, tone: s.message.tone === 'error' ? 'error' : 'normal' };
  else if (load.evidence) status = { kind: 'text', text: `${evidenceSummary(load.evidence)} (${keyHint(keys, 'review', 'evidence')}: the evidence)`, tone: 'dim' };
  else status = { kind: 'text', text: `loading ${load.loading.length > 0 ? load.loading.join(', ') : 'the evidence'}…`, tone: 'dim' };
  const statusHeight = statusRows(status, columns)?.length ?? 1;
  const bodyRows = Math.max(1, rows - 3 - statusHeight); // header, pane title, status rows, footer

  useEffect(() => dispatch({ type: 'resize', height: bodyRows }), [bodyRows]);
  const commentKey = keyHint(keys, 'review', 'comment');
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

  /** Choosing the line to comment on: moves, enter writes (an existing comment's text comes back to edit), esc leaves. */
  const pickLine = (name: string | null) => {
    const action = actionFor(keys, 'review', name);
    const moves: Record<string, number> = { down: 1, up: -1, pageDown: bodyRows - 1, pageUp: -(bodyRows - 1) };
    if (action !== null && moves[action] !== undefined) return dispatch({ type: 'commentMove', delta: moves[action]! });
    if (name === 'enter' || action === 'comment') {
      const old = cursorComment ? comments.find((c) => c.file === cursorComment.file && c.line === cursorComment.line && c.side === cursorComment.side) : undefined;
      return dispatch({ type: 'commentEdit', text: old?.text ?? '' });
    }
    if (name === 'esc' || action === 'back') dispatch({ type: 'cancel' });
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
        dispatch({ type: 'decisionFinished', message: `${c.text === '' ? 'removed the comment on' : 'comment saved on'} ${commentPlace(c)}: ${n} waiting (${keyHint(keys, 'review', 'request')} sends them)` });
      },
      (e: unknown) => dispatch({ type: 'decisionRefused', message: errorLine(e) }),
    );
  };

  /** A key while a question waits: its own keys answer, any other cancels. */
  const answer = (name: string | null) => {
    const yes = actionFor(keys, 'confirm', name) === 'yes';
    const action = actionFor(keys, 'review', name);
    const c = s.confirm;
    if (c === 'leftovers') {
      if (action === 'commitLeftovers') return dispatch({ type: 'ask', decision: 'merge-commit' });
      if (action === 'dropLeftovers') return dispatch({ type: 'ask', decision: 'merge-drop' });
    } else if (c === 'merge' && (action === 'mergeStrategy' || action === 'editMessage')) {
      return action === 'mergeStrategy' ? choice.cycle() : choice.edit((e) => dispatch({ type: 'decisionRefused', message: errorLine(e) }));
    } else if (c === 'abandon' && action === 'deleteBranch') {
      return dispatch({ type: 'ask', decision: 'abandon-delete' });
    } else if (yes && c !== null) {
      return decide(c);
    }
    dispatch({ type: 'cancel' });
  };

  useInput(
    (input, key) => {
      if (s.busy) return;
      const name = keyName(input, key);
      if (s.confirm === 'request-changes' || s.confirm === 'comment') {
        if (key.escape) dispatch({ type: 'cancel' }); // the text box takes every other key
        return;
      }
      if (s.comment !== null && s.confirm === null) return pickLine(name);
      if (s.confirm !== null) return answer(name);
      if (s.search.mode === 'editing') {
        if (key.return) dispatch({ type: 'searchSubmit' });
        else if (key.escape) dispatch({ type: 'searchCancel' });
        else if (key.backspace || key.delete) dispatch({ type: 'searchBackspace' });
        else if (input !== '' && !key.ctrl && !key.meta) dispatch({ type: 'searchInput', text: input.replace(CONTROL_CHARS, '') });
        return;
      }
      // Keys that arrived merged (sent faster than read) are taken one by one, up to anything but a move.
      let now = s;
      for (const n of name === null ? (splitKeys(input, key) ?? []) : [name]) {
        const action = actionFor(keys, 'review', n);
        const step = action === null ? undefined : STEPS[action];
        if (step) {
          // A file already loaded (prefetched) comes with the key: one frame, no "loading…" frame before it.
          dispatch({ type: step } as ReviewAction);
          now = reviewReducer(now, { type: step } as ReviewAction);
          const loaded = loadedDiff(now, load.session);
          if (loaded) {
            dispatch(loaded);
            now = reviewReducer(now, loaded);
          }
          if (step === 'searchStart') return;
          continue;
        }
        if (action === 'comment') return dispatch({ type: 'commentStart' });
        const ask = action === null ? undefined : ASKS[action];
        if (ask) return dispatch({ type: 'ask', decision: ask });
        if (action === 'help') return appDispatch({ type: 'help', screen: 'review' });
        if (action === 'back') {
          if (n === 'esc' && s.search.mode === 'active') return dispatch({ type: 'cancel' });
          return appDispatch({ type: 'back' });
        }
      }
    },
    { isActive: active },
  );

  const session = load.session;
  const files = session?.files ?? [];
  const file = files[s.selected] ?? null;
  let empty: string | null = null;
  if (load.error) empty = `cannot review ${record.id}: ${load.error}`;
  else if (load.phase === 'loading') empty = 'reading the file list…';
  else if (load.phase === 'gone' && task.state === 'draft') empty = `a dry-run task: ${record.branch} does not exist yet, so there is nothing to review`;
  else if (load.phase === 'gone') empty = `${record.branch} is not there any more (${task.state}): nothing to diff; ${keyHint(keys, 'review', 'evidence')} shows the evidence`;
  else if (files.length === 0) empty = `no changes between ${record.base} and ${record.branch}`;

  const wide = columns >= WIDE_MIN_COLUMNS;
  const listWidth = wide ? Math.min(40, Math.floor(columns * 0.3)) : columns;
  const diffWidth = wide ? columns - listWidth - 1 : columns;
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

  const t = session?.totals;
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
          <Text dimColor>
            {' '}
            · {record.base}...{record.branch}
            {t ? ` · ${plural(t.files, 'file')}${session?.counted ? ` +${t.added} −${t.removed}` : ''}` : ''}
          </Text>{' '}
          · <Text color={stateColor(task.state)}>{task.state}</Text>
          <Text dimColor>
            {' '}
            · round {record.round} · {oneRow(record.title)}
          </Text>
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
        onSubmitFeedback={(text) => (s.confirm === 'comment' ? saveLineComment(text) : decide('request-changes', text))}
      />
      {footer}
    </Box>
  );
}
