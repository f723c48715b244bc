// `wtagents review ID` on a terminal: the TUI opened on that task's review. src/bin.ts comes here straight when
// the command line is just that (no command-line parser, no other command's code: the first hunk is measured
// against a bare Ink app, issue 13), and `review` does when it parses a longer one (`--repo DIR`).
import { load } from '../app/load.js';
import type { PrestartedReview } from './review-prestart.js';
import { holdKeystrokes, tuiRepo, type TuiModule } from './tui.js';

/**
 * How long the TUI's load waits for the first paint (from the start of the screen's opening): as long as its
 * first frame would wait for the first diff (components/main.tsx), so a slow git costs the frame nothing more.
 */
const FIRST_PAINT_WAIT_MS = 300;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Open the review screen on task `id`: the TUI, the task store and the review's opening load at once while git
 * (started early by src/bin.ts, or now) lists the files and diffs the first one; the screen takes that session
 * as its opening, resolved once the first diff is there. The terminal is held raw until Ink owns it. With
 * `prestarted` (src/bin.ts), the first paint may already be on the terminal: the TUI's first frame draws over it.
 */
export async function openReviewScreen(id: string, opts: { repo?: string; prestarted?: PrestartedReview | null }, loadTui: () => Promise<TuiModule>): Promise<void> {
  const release = holdKeystrokes();
  try {
    const engine = Promise.all([load.storeTasks(), load.reviewOpen()]);
    // Ink's evaluation holds the event loop for ~100 ms: the first paint goes first (git is usually that quick).
    const tui = (opts.prestarted ? Promise.race([opts.prestarted.painted, delay(FIRST_PAINT_WAIT_MS)]) : Promise.resolve()).then(loadTui);
    tui.catch(() => {});
    // The screen finds the repository as the dashboard does (from files, without a git process).
    const [repo, [{ findTaskDir, readTask }, { openSession }]] = await Promise.all([tuiRepo(opts.repo), engine]);
    const taskDir = findTaskDir(repo, id);
    const session = openSession(taskDir, { quick: true }).then(async (s) => {
      if (s && s.files.length > 0) await s.loader.select(0).catch(() => {});
      return s;
    });
    session.catch(() => {});
    const { runTui } = await tui;
    // From here the TUI draws: a first paint already on the terminal is drawn over, none comes after.
    const painted = opts.prestarted?.stop() ?? false;
    await runTui({ repoRoot: repo, pane: false, review: { id: readTask(taskDir).id, taskDir, session, painted } });
  } catch (error) {
    opts.prestarted?.undo(); // the first paint off the terminal, and
    release(); // the terminal back as it was when the screen never came up
    throw error;
  }
}
