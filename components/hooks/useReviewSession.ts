// A review's data, through the engine: the session (range, file list, diff loader) at mount; the selected
// file's diff on every selection (the loader kills the previous git process, caches, prefetches the next);
// once per opening the review files (diff.patch, stat.txt, review.opened) and then the evidence.
import { useEffect, useState, type Dispatch } from 'react';
import { errorLine } from '../../src/core/errors.js';
import type { ReviewAction } from '../../src/core/review-screen.js';
import type { Evidence } from '../../src/review/evidence.js';
import type { ReviewSession } from '../../src/review/open.js';
import { useServices } from '../context.js';

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

export function useReviewSession(taskDir: string, selected: number, dispatch: Dispatch<ReviewAction>): ReviewLoad {
  const services = useServices();
  const [load, setLoad] = useState<ReviewLoad>(INITIAL);

  useEffect(() => {
    let alive = true;
    let session: ReviewSession | null = null;
    const set = (change: Partial<ReviewLoad>) => alive && setLoad((l) => ({ ...l, ...change }));
    (async () => {
      session = await services.openReview(taskDir);
      if (!alive) return session?.loader.dispose();
      if (session === null) {
        set({ phase: 'gone' });
        set({ evidence: await services.collectEvidence(taskDir, null) });
        return;
      }
      const s = session;
      set({ session: s, phase: 'ready' });
      dispatch({ type: 'files', count: s.files.length });
      // The first diff first (the first frame waits on it), then the rest of the opening.
      if (s.files.length > 0) await s.loader.select(0).catch(() => undefined);
      const { patch } = await services.writeReviewFiles(s);
      if (!alive) return;
      set({ evidence: await services.collectEvidence(taskDir, s, patch) });
    })().catch((e: unknown) => set({ error: errorLine(e) }));
    return () => {
      alive = false;
      session?.loader.dispose();
    };
  }, [services, taskDir, dispatch]);

  const { session } = load;
  useEffect(() => {
    if (!session || selected >= session.files.length) return;
    let alive = true;
    session.loader.select(selected).then(
      (d) => alive && dispatch({ type: 'diffLoaded', index: d.index, lines: d.lines }),
      (e: unknown) => {
        if (alive && !isAbort(e)) dispatch({ type: 'message', message: { text: `could not load the diff of ${session.files[selected]?.path}: ${errorLine(e)}`, tone: 'error' } });
      },
    );
    return () => {
      alive = false;
    };
  }, [session, selected, dispatch]);

  return load;
}
