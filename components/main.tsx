// The TUI's entry (lazily imported by src/cli.ts): real services on the repository, Ink on the alternate screen.
import { render } from 'ink';
import { createServices } from '../src/app/services.js';
import { App } from './App.js';
import { ServicesProvider } from './context.js';
import type { ReviewLaunch } from '../src/app/types.js';

export interface TuiOptions {
  repoRoot: string;
  /** One column (a tmux side pane) whatever the width. */
  pane: boolean;
  /** Open on this task's review instead of the dashboard (its session may be opening already). */
  review?: ReviewLaunch;
}

export async function runTui(opts: TuiOptions): Promise<void> {
  const r = opts.review;
  const services = createServices({ repoRoot: opts.repoRoot, ...(r?.session ? { openingReview: { taskDir: r.taskDir, session: r.session } } : {}) });
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
    },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    await services.close();
  }
}
