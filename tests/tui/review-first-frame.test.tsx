// The review's first frame waits for nothing that reads the whole diff: with the line counts and the evidence
// held back (gates the test opens), the first file's diff is already on screen and the status line says what
// is still loading; each part then fills in as it arrives.
import { afterEach, describe, expect, it } from 'vitest';
import type { TuiServices } from '../../src/app/services.js';
import type { ReviewSession } from '../../src/review/open.js';
import { ServicesProvider } from '../../components/context.js';
import { App } from '../../components/App.js';
import { renderTui, testServices, type Tui } from '../helpers/ink.js';
import { taskWithWork } from '../helpers/task.js';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((res) => (open = res));
  return { open, opened };
}

const mounted: Array<{ tui: Tui; services: TuiServices }> = [];
afterEach(async () => {
  for (const m of mounted.splice(0)) {
    m.tui.unmount();
    await m.services.close();
  }
});

describe('review first frame', () => {
  it('shows the first file before the line counts and the evidence, then fills them in as they arrive', async () => {
    const { repo, task } = await taskWithWork({ 'a.txt': 'one\nTWO\nthree\n', 'b.txt': 'new file\n', 'c.txt': 'x\ny\n' }, { repo: { files: { 'a.txt': 'one\ntwo\nthree\n' } } });
    const { services: real } = testServices(repo);
    const counts = gate();
    const evidence = gate();
    let evidenceAsked = 0;
    const services: TuiServices = {
      ...real,
      async openReview(taskDir) {
        const s = await real.openReview(taskDir);
        if (s === null) return s;
        const held: ReviewSession = { ...s, count: () => counts.opened.then(() => s.count()) };
        return held;
      },
      async collectEvidence(taskDir, session, patch) {
        evidenceAsked++;
        await evidence.opened;
        return real.collectEvidence(taskDir, session, patch);
      },
    };
    const tui = await renderTui(
      <ServicesProvider services={services}>
        <App review={task.id} />
      </ServicesProvider>,
      { columns: 120, rows: 24 },
    );
    mounted.push({ tui, services: real });

    // The first file's diff is on screen while nothing that reads the whole diff has come back.
    let f = await tui.waitFor('+TWO');
    expect(f).toContain('-two');
    expect(f).toContain('loading line counts, evidence…');
    expect(f.split('\n')[0]).toContain('3 files · ready'); // no +/− totals yet
    expect(f).not.toMatch(/a\.txt +\+1 −1/);
    expect(evidenceAsked).toBe(0);

    // The counts arrive: totals and per-file counts; the evidence is still loading.
    counts.open();
    f = await tui.waitFor('3 files +4 −1');
    expect(f).toMatch(/a\.txt +\+1 −1/);
    expect(f).toMatch(/c\.txt +\+2 −0/);
    expect(f).toContain('loading evidence…');

    // Then the evidence.
    evidence.open();
    f = await tui.waitFor('(e: the evidence)');
    expect(f).not.toContain('loading');
  });
});
