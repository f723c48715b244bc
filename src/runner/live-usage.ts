// A run's tokens and cost while it runs: the agent.usage events the steps trace, summed by sumUsage on top
// of the earlier rounds' total, and written to task.json at most every 5 s, so the dashboard's row
// moves while the agent works (not only when the run ends).
import type { Usage } from '../core/task.js';
import type { TraceEvent } from '../core/trace-schema.js';
import { addUsage, sumUsage } from '../core/step-usage.js';
import { updateTask } from '../store/tasks.js';

export class LiveUsage {
  private readonly events: TraceEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly taskDir: string,
    /** The total before this run (task.json's usage as the run started). */
    private readonly before: Usage | undefined,
    private readonly intervalMs = 5000,
  ) {}

  /** Hear a batch of traced events (StepInput.onTraced). */
  readonly traced = (events: readonly TraceEvent[]): void => {
    let seen = false;
    for (const e of events) {
      if (e.type !== 'agent.usage') continue;
      this.events.push(e);
      seen = true;
    }
    if (seen && this.timer === null) this.timer = setTimeout(() => this.write(), this.intervalMs);
  };

  /** The total so far: earlier rounds plus this run; undefined when nothing was ever counted. */
  total(): Usage | undefined {
    return addUsage(this.before, sumUsage(this.events)) ?? undefined;
  }

  /** Stop writing; resolves once a write under way is done (the final total goes with the final state). */
  async close(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.writing;
  }

  private write(): void {
    this.timer = null;
    const usage = this.total();
    if (!usage) return;
    this.writing = this.writing
      .then(() => updateTask(this.taskDir, (t) => void (t.usage = usage)))
      .catch((error: unknown) => void process.stderr.write(`wtagents supervisor: could not record the usage so far: ${error instanceof Error ? error.message : String(error)}\n`));
  }
}
