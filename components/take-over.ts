// The dashboard's take-over (`i`, after stopping a running task when asked): the engine checks the task can be
// taken over, then its agent CLI opens in a tmux split running `wtagents takeover ID` (the pane records what
// changed when it exits), or outside tmux in this terminal: Ink steps aside, the CLI gets it, Ink comes back.
import { errorLine } from '../src/core/errors.js';
import type { TuiServices } from '../src/app/services.js';

type Say = (text: string, tone: 'info' | 'error') => void;
type Suspend = (run: () => Promise<void>) => Promise<void>;

export async function takeOver(services: TuiServices, suspend: Suspend, taskDir: string, id: string, say: Say): Promise<void> {
  try {
    const plan = await services.planTakeover(taskDir);
    if (services.inTmux) {
      await services.takeoverInPane(taskDir);
      return say(`${id}: ${plan.agent} is open in a tmux split${plan.sessionId ? ` on session ${plan.sessionId}` : ''}; when it exits the task is ready for review`, 'info');
    }
    let summary = '';
    await suspend(async () => {
      summary = (await services.runTakeover(taskDir)).summary;
    });
    say(`${id}: ${summary}; ready for review`, 'info');
  } catch (error) {
    say(`cannot take over ${id}: ${errorLine(error)}`, 'error');
  }
}
