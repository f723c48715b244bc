// A review's data, through the engine: the session (range, file list, diff loader) at mount; the selected
// file's diff on every selection (the loader kills the previous git process, caches, prefetches the next);
// once per opening, after the first diff is on screen, the review files (diff.patch, stat.txt,
// review.opened) and then the evidence.
import { useEffect, useRef, useState, type Dispatch } from 'react';
import { errorLine } from '../../src/core/errors.js';
import type { ReviewAction } from '../../src/core/review-screen.js';
import { useServices } from '../context.js';
import type { Evidence, ReviewSession } from '../../src/app/types.js';

export interface ReviewLoad {
  session: ReviewSession | null;
  /** loading: the file list is on its way; gone: the task has no branch to review. */
  phase: 'loading' | 'ready' | 'gone';
  evidence: Evidence | null;
  /** Why the review (or its evidence) could not be read. */
  error: string | null;
}

const INITIAL: ReviewLoad = { session: null, phase: 'loading', evidence: null, error: null };

const isAbort = (e: unknown) => e instanceof Error && e.name === 'AbortError';

/** `shown`: the first diff is on screen (the rest of the opening waits for it, not the other way round). */
export function useReviewSession(taskDir: string, selected: number, shown: boolean, dispatch: Dispatch<ReviewAction>): ReviewLoad {
  const services = useServices();
  const [load, setLoad] = useState<ReviewLoad>(INITIAL);
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
      if (session === null) {
        set({ phase: 'gone' });
        set({ evidence: await services.collectEvidence(taskDir, null) });
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
  useEffect(() => {
    if (!session || selected >= session.files.length) return;
    let current = true;
    session.loader.select(selected).then(
      (d) => current && dispatch({ type: 'diffLoaded', index: d.index, lines: d.lines }),
      (e: unknown) => {
        if (!current || isAbort(e)) return;
        setFailed(true);
        dispatch({ type: 'message', message: { text: `could not load the diff of ${session.files[selected]?.path}: ${errorLine(e)}`, tone: 'error' } });
      },
    );
    return () => {
      current = false;
    };
  }, [session, selected, dispatch]);

  // The rest of the opening, once: the review files and the evidence over the whole patch.
  const ready = session !== null && (shown || failed || session.files.length === 0);
  useEffect(() => {
    if (!ready || !session || opened.current) return;
    opened.current = true;
    (async () => {
      const { patch } = await services.writeReviewFiles(session);
      if (alive.current) set({ evidence: await services.collectEvidence(taskDir, session, patch) });
    })().catch((e: unknown) => set({ error: errorLine(e) }));
  }, [ready, session, services, taskDir]);

  return load;
}
