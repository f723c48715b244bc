// The dashboard's cost follows the frame rate, not the event rate: a burst of thousands of trace events on
// the selected task ends on screen after a bounded number of renders (frames are coalesced), and a task list
// re-read with nothing changed renders nothing.
import { afterEach, describe, expect, it } from 'vitest';
import type { TuiServices } from '../../src/app/services.js';
import { app, renderTui, testServices, type Tui } from '../helpers/ink.js';
import { makeRepo } from '../helpers/repo.js';
import { cliTask, trace } from '../helpers/tasks.js';

const open: Array<{ tui: Tui; services: TuiServices }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.tui.unmount();
    await o.services.close();
  }
});

const BURST = 3000;

describe('dashboard frames', () => {
  it(`shows the end of a ${BURST}-event burst after far fewer renders than events`, async () => {
    const repo = makeRepo();
    const t = cliTask(repo, 'Busy task');
    const { services } = testServices(repo);
    const tui = await renderTui(app(services), { columns: 100, rows: 30 });
    open.push({ tui, services });
    await tui.waitFor('Busy task');
    const before = tui.renders();
    await trace(
      t,
      Array.from({ length: BURST }, (_, i) => ({ type: 'agent.output' as const, text: `burst line ${i + 1}` })),
    );
    await tui.waitFor(`burst line ${BURST}`, 60_000);
    // One render per event would be 3,000; coalesced, a handful (plus the clock's tick each second).
    expect(tui.renders() - before).toBeLessThan(60);
  }, 180_000);
});
