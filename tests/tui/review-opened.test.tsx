// `wtagents review ID` opens the review while the TUI loads: the screen's first frame is already the first
// file's diff (no "reading the file list" frame before it), and a file the loader prefetched comes with the
// key that selects it (no "loading…" frame between). Real repositories, the real engine and Ink.
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type TuiServices } from '../../src/app/services.js';
import { openSession, type ReviewSession } from '../../src/review/open.js';
import { ServicesProvider } from '../../components/context.js';
import { App } from '../../components/App.js';
import { Recorder, renderTui, type Tui } from '../helpers/ink.js';
import { taskWithWork } from '../helpers/task.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { firstPaint } from '../../src/core/first-paint.js';
import { reviewLayout } from '../../src/core/review-layout.js';
import { screenRows } from '../helpers/screen-grid.js';

const mounted: Array<{ tui: Tui; services: TuiServices; session: ReviewSession }> = [];
afterEach(async () => {
  for (const m of mounted.splice(0)) {
    m.tui.unmount();
    m.session.loader.dispose();
    await m.services.close();
  }
});

/** The review opened as the command does it: file list, then the first file's diff, before the TUI renders. */
async function opened(files: Record<string, string>, base: Record<string, string>) {
  const { repo, task } = await taskWithWork(files, { repo: { files: base } });
  const session = (await openSession(task.taskDir, { quick: true }))!;
  await session.loader.select(0);
  const services = createServices({ repoRoot: repo, terminal: new Recorder(), env: { PATH: process.env.PATH }, openingReview: { taskDir: task.taskDir, session: Promise.resolve(session), ready: session } });
  const tui = await renderTui(
    <ServicesProvider services={services}>
      <App review={task.id} />
    </ServicesProvider>,
    { columns: 120, rows: 24 },
  );
  mounted.push({ tui, services, session });
  return { tui, session, task };
}

describe('review opened before the first frame', () => {
  it('draws the first file’s diff in its very first frame, the rest still loading', async () => {
    const { tui } = await opened({ 'a.txt': 'one\nTWO\nthree\n', 'b.txt': 'new file\n' }, { 'a.txt': 'one\ntwo\nthree\n' });
    const first = tui.frames().find((f) => f.trim() !== '')!;
    expect(first).toContain('+TWO');
    expect(first).toContain('-two');
    expect(first).toContain('Files (2)');
    expect(first).toContain('loading line counts, evidence…');
    expect(first).not.toContain('reading the file list');
    // and the rest of the opening still fills in
    await tui.waitFor('(e: the evidence)');
  });

  it('shows a prefetched next file with the key, without a loading frame', async () => {
    const { tui, session } = await opened({ 'a.txt': 'one\nTWO\nthree\n', 'b.txt': 'new file\nsecond line\n' }, { 'a.txt': 'one\ntwo\nthree\n' });
    await tui.waitFor('(e: the evidence)');
    // The loader prefetches the next file once the first is shown.
    await expect.poll(() => session.loader.peek(1), { timeout: 60_000, interval: 20 }).toBeDefined();
    const before = tui.frames().length;
    await tui.act('review', 'nextFile');
    await tui.waitFor('+second line');
    const after = tui.frames().slice(before);
    // The first frame with b.txt selected already shows its diff; no frame says the diff is loading.
    const selected = after.find((f) => f.includes('›A b.txt'));
    expect(selected).toContain('+second line');
    for (const frame of after) expect(frame).not.toContain('· loading…');
  });

  it('is what the first paint (drawn by `wtagents review ID` before the TUI loads) showed, to the column', async () => {
    const { tui, session, task } = await opened({ 'a.txt': 'one\nTWO\nthree\n\tTabbed ünïcode\n', 'dir/b.txt': 'new file\n' }, { 'a.txt': 'one\ntwo\nthree\n' });
    const first = tui.frames().find((f) => f.trim() !== '')!;
    const record = JSON.parse(readFileSync(path.join(task.taskDir, 'task.json'), 'utf8')) as { id: string; base: string; branch: string; state: string; round: number; title: string };
    const paint = firstPaint({ columns: 120, rows: 24, task: record, files: session.files, lines: session.loader.peek(0)!.lines, color: false })!;
    const { bodyRows } = reviewLayout(120, 24);
    // The header, the panes' titles and every body row: the TUI's first frame only adds what came later.
    const frame = first.replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((r) => r.trimEnd());
    expect(screenRows(paint, 120, 24).slice(0, bodyRows + 2)).toEqual(frame.slice(0, bodyRows + 2));
    expect(frame.join('\n')).toContain('+   Tabbed ünïcode');
  });
});
