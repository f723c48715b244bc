// `wtagents review ID` on a terminal: the TUI opened on that task's review. src/bin.ts comes here straight when
// the command line is just that (no command-line parser, no other command's code: the first hunk is measured
// against a bare Ink app, issue 13), and `review` does when it parses a longer one (`--repo DIR`).
import { load } from '../app/load.js';
import { holdKeystrokes, tuiRepo, type TuiModule } from './tui.js';

/**
 * Open the review screen on task `id`: the TUI, the task store and the review's opening load at once while git
 * (started early by src/bin.ts, or now) lists the files and diffs the first one; the screen takes that session
 * as its opening, resolved once the first diff is there. The terminal is held raw until Ink owns it.
 */
export async function openReviewScreen(id: string, opts: { repo?: string }, loadTui: () => Promise<TuiModule>): Promise<void> {
  const release = holdKeystrokes();
  try {
    const engine = Promise.all([load.storeTasks(), load.reviewOpen()]);
    const tui = loadTui();
    tui.catch(() => {});
    // The screen finds the repository as the dashboard does (from files, without a git process).
    const [repo, [{ findTaskDir, readTask }, { openSession }]] = await Promise.all([tuiRepo(opts.repo), engine]);
    const taskDir = findTaskDir(repo, id);
    const session = openSession(taskDir, { quick: true }).then(async (s) => {
      if (s && s.files.length > 0) await s.loader.select(0).catch(() => {});
      return s;
    });
    session.catch(() => {});
    await (await tui).runTui({ repoRoot: repo, pane: false, review: { id: readTask(taskDir).id, taskDir, session } });
  } catch (error) {
    release(); // the terminal back as it was when the screen never came up
    throw error;
  }
}
