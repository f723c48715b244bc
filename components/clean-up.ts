// The dashboard's clean-up (`C`, after its confirmation): the engine's own plan and run, the same as
// `wtagents clean --yes`, reported on the status line.
import { errorLine } from '../src/core/errors.js';
import { formatBytes, plural } from '../src/core/format.js';
import type { TuiServices } from '../src/app/services.js';

/** What `C` cleans: the CLI's defaults (worktrees of tasks finished, or failed/stopped a week ago). */
export const CLEAN_DEFAULTS = { olderThanMs: 7 * 86_400_000 };

export async function runCleanUp(services: TuiServices, say: (text: string, tone: 'info' | 'error') => void): Promise<void> {
  say('cleaning up…', 'info');
  try {
    const plan = (await services.planClean(CLEAN_DEFAULTS)).filter((i) => i.actions.length > 0);
    const outcomes = await services.runClean(plan, CLEAN_DEFAULTS);
    const freed = outcomes.reduce((n, o) => n + o.freedBytes, 0);
    const kept = outcomes.filter((o) => o.kept.length > 0);
    if (kept.length === 0) return say(`cleaned ${plural(outcomes.length, 'task')}: ${formatBytes(freed)} freed`, 'info');
    say(`freed ${formatBytes(freed)}; kept ${kept.map((o) => `${o.id} (${o.kept[0]})`).join(', ')}`, 'error');
  } catch (error) {
    say(`clean-up failed: ${errorLine(error)}`, 'error');
  }
}
