// A review's data, through the engine: the session (range, file list without line counts, diff loader) at
// mount; the selected file's diff on every selection (the loader kills the previous git process, caches,
// prefetches the next); once per opening, after the first diff is on screen, the line counts, then the
// review files (diff.patch, stat.txt, review.opened) and the evidence, each shown as it arrives.
import { useEffect, useRef, useState, type Dispatch } from 'react';
import { errorLine } from '../../src/core/errors.js';
import type { ReviewAction } from '../state/review.js';
import { useServices } from '../context.js';
import type { Evidence, ReviewSession } from '../../src/app/types.js';

export interface ReviewLoad {
  session: ReviewSession | null;
  /** loading: the file list is on its way; gone: the task has no branch to review. */
  phase: 'loading' | 'ready' | 'gone';
  evidence: Evidence | null;
  /** What is still being loaded after the first frame, for the status line (e.g. 'line counts', 'evidence'). */
  loading: string[];
  /** Why the review (or its evidence) could not be read. */
  error: string | null;
}

const INITIAL: ReviewLoad = { session: null, phase: 'loading', evidence: null, loading: ['line counts', 'evidence'], error: null };

const isAbort = (e: unknown) => e instanceof Error && e.name === 'AbortError';

/** `shown`: the first diff is on screen (the rest of the opening waits for it, not the other way round). */
export function useReviewSession(taskDir: string, selected: number, shown: boolean, dispatch: Dispatch<ReviewAction>): ReviewLoad {
  const services = useServices();
  // Opened by `wtagents review ID` before the first frame: the screen starts on it (no loading frame).
  const [load, setLoad] = useState<ReviewLoad>(() => {
    const opened = services.openedReview(taskDir);
    return opened ? { ...INITIAL, session: opened, phase: 'ready' } : INITIAL;
  });
  const alive = useRef(true);
  const opened = useRef(false);
  const [failed, setFailed] = useState(false);
  const set = (change: Partial<ReviewLoad>) => alive.current && setLoad((l) => ({ ...l, ...change }));

  useEffect(() => {
    alive.current = true;
    let session: ReviewSession | null = null;
    (async () => {
      session = await services.openReview(taskDir);
      if (!alive.current) return session?.loader.dispose();
      if (session !== null && session === load.session) return; // the opened review the screen started on
      if (session === null) {
        set({ phase: 'gone', loading: ['evidence'] });
        set({ evidence: await services.collectEvidence(taskDir, null), loading: [] });
        return;
      }
      set({ session, phase: 'ready' });
      dispatch({ type: 'files', count: session.files.length });
    })().catch((e: unknown) => set({ error: errorLine(e) }));
    return () => {
      alive.current = false;
      session?.loader.dispose();
    };
  }, [services, taskDir, dispatch]);

  const { session } = load;
  const files = useRef(session?.files ?? []);
  files.current = session?.files ?? [];
  const loader = session?.loader;
  useEffect(() => {
    if (!loader || selected >= loader.files.length) return;
    let current = true;
    loader.select(selected).then(
      (d) => current && dispatch({ type: 'diffLoaded', index: d.index, lines: d.lines }),
      (e: unknown) => {
        if (!current || isAbort(e)) return;
        setFailed(true);
        dispatch({ type: 'message', message: { text: `could not load the diff of ${files.current[selected]?.path}: ${errorLine(e)}`, tone: 'error' } });
      },
    );
    return () => {
      current = false;
    };
  }, [loader, selected, dispatch]);

  // The rest of the opening, once, after the first diff is on screen: nothing that reads the whole diff
  // comes before it. The line counts, then the review files and the evidence over the whole patch.
  const ready = session !== null && (shown || failed || session.files.length === 0);
  useEffect(() => {
    if (!ready || !session || opened.current) return;
    opened.current = true;
    (async () => {
      const counted = await session.count();
      set({ session: counted, loading: ['evidence'] });
      const { patch } = await services.writeReviewFiles(counted);
      if (alive.current) set({ evidence: await services.collectEvidence(taskDir, counted, patch), loading: [] });
    })().catch((e: unknown) => set({ error: errorLine(e), loading: [] }));
  }, [ready, session, services, taskDir]);

  return load;
}
