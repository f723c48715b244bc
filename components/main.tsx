// The TUI's entry (lazily imported by src/cli.ts): real services on the repository, Ink on the alternate screen.
import { render } from 'ink';
import { keepHeapSmall } from '../src/app/heap-flags.js';
import { createServices } from '../src/app/services.js';
import { App } from './App.js';
import { ServicesProvider } from './context.js';
import { overFirstPaint } from './over-first-paint.js';
import type { ReviewLaunch } from '../src/app/types.js';

export interface TuiOptions {
  repoRoot: string;
  /** One column (a tmux side pane) whatever the width. */
  pane: boolean;
  /** Open on this task's review instead of the dashboard (its session may be opening already). */
  review?: ReviewLaunch;
  /** Every remembered repository in one dashboard (`wtagents --all`); repoRoot is then unused. */
  all?: boolean;
}

/**
 * How long the first frame of `wtagents review ID` waits (once the TUI is loaded) for the first file's diff:
 * drawn at once with it, not as a loading frame redrawn a moment later.
 */
const REVIEW_FIRST_DIFF_WAIT_MS = 300;

/** The opening review's session when it (and its first diff) arrive within `ms`; undefined if not yet. */
async function settled<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([promise.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runTui(opts: TuiOptions): Promise<void> {
  const r = opts.review;
  const ready = r?.session ? await settled(r.session, REVIEW_FIRST_DIFF_WAIT_MS) : undefined;
  const opening = r?.session ? { openingReview: { taskDir: r.taskDir, session: r.session, ...(ready !== undefined ? { ready } : {}) } } : {};
  const services = opts.all ? (await import('../src/app/all-services.js')).createAllServices() : createServices({ repoRoot: opts.repoRoot, ...opening });
  const instance = render(
    <ServicesProvider services={services}>
      <App forcePane={opts.pane} review={r?.id ?? null} />
    </ServicesProvider>,
    {
      alternateScreen: true,
      incrementalRendering: true,
      // At most 30 frames a second whatever the event rate (trace updates are coalesced to one per ~50 ms in
      // useTraceFeed, and Ink throttles every other render to this).
      maxFps: 30,
      patchConsole: false,
      exitOnCtrlC: true,
      // We checked for a TTY ourselves; CI-detection must not turn a real terminal into a log.
      interactive: true,
      // `wtagents review ID` may have painted the first file's diff already: the first frame replaces it.
      ...(r?.painted ? { stdout: overFirstPaint(process.stdout) } : {}),
    },
  );
  // The dashboard (left open for hours, trace rows arriving) keeps a small heap; set after its first frame is
  // drawn. `review ID` does not: measured, the flags cost its first hunk ~35 ms (see heap-flags.ts).
  if (!r) keepHeapSmall();
  try {
    await instance.waitUntilExit();
  } finally {
    await services.close();
  }
}
