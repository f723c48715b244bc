// The TUI's entry (lazily imported by src/cli.ts): real services on the repository, Ink on the alternate screen.
import { render } from 'ink';
import { createServices } from '../src/app/services.js';
import { App } from './App.js';
import { ServicesProvider } from './context.js';

export interface TuiOptions {
  repoRoot: string;
  /** One column (a tmux side pane) whatever the width. */
  pane: boolean;
  /** Open on this task's review (its id) instead of the dashboard. */
  review?: string;
}

export async function runTui(opts: TuiOptions): Promise<void> {
  const services = createServices({ repoRoot: opts.repoRoot });
  const instance = render(
    <ServicesProvider services={services}>
      <App forcePane={opts.pane} review={opts.review ?? null} />
    </ServicesProvider>,
    {
      alternateScreen: true,
      incrementalRendering: true,
      // Trace updates are already coalesced to one frame per ~50 ms (useTraceFeed); Ink's own throttle stays short.
      maxFps: 60,
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
