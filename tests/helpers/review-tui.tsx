// The review screen under ink-testing-library: the App on real services (optionally opened straight on a
// review), unmounted after each test; a second task with committed work in an existing repo.
import { afterEach } from 'vitest';
import type { TuiServices } from '../../src/app/services.js';
import { createTask } from '../../src/store/create-task.js';
import { ServicesProvider } from '../../components/context.js';
import { App } from '../../components/App.js';
import { app, renderTui, testServices, type Tui } from './ink.js';
import { commitAll, writeFiles } from './repo.js';

const open: Array<{ tui: Tui; services: TuiServices }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.tui.unmount();
    await o.services.close();
  }
});

export async function startReviewTui(repo: string, opts: { columns?: number; rows?: number; review?: string } = {}): Promise<Tui> {
  const { services } = testServices(repo);
  const tree = opts.review ? (
    <ServicesProvider services={services}>
      <App review={opts.review} />
    </ServicesProvider>
  ) : (
    app(services)
  );
  const tui = await renderTui(tree, { columns: opts.columns ?? 100, rows: opts.rows ?? 24 });
  open.push({ tui, services });
  return tui;
}

/** A second task with committed work in an existing repo. */
export async function addTask(repo: string, text: string, work: Record<string, string>) {
  const { record } = await createTask({ repo, cwd: repo, text });
  writeFiles(record.worktree, work);
  commitAll(record.worktree, `work for ${text}`);
  return record;
}

/** The frame's rows joined by spaces (the status rows wrap a long line at spaces). */
export const joined = (frame: string) => frame.split('\n').map((l) => l.trimEnd()).join(' ');
