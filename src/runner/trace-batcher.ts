// Agent events on their way to the trace: lines that arrive together become one append, and raw
// output past a budget is left to the logs (one note says so) so a flood cannot bloat the trace. An append
// that fails (a full disk) loses those events but not the run: the next append that works says how many.
import { errorLine } from '../core/errors.js';
import type { NewTraceEvent, TraceEvent } from '../core/trace-schema.js';
import { faultPoint } from '../store/fault-point.js';
import { appendTrace, type TraceContext } from '../store/trace-writer.js';
import { plural } from '../core/format.js';

/** Bytes of `agent.output` text traced per step before the rest is left to the logs. */
export const DEFAULT_OUTPUT_BUDGET = 4 * 1024 * 1024;

export class TraceBatcher {
  private queue: NewTraceEvent[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  private outputBytes = 0;
  /** The appends under way (appendTrace keeps their order); a failed one is reported, not thrown. */
  private pending: Promise<void> = Promise.resolve();
  /** `agent.output` lines not traced because the budget was spent. */
  untraced = 0;
  /** Events lost to failed appends since the last one that worked, and why. */
  private lost = 0;
  private lostWhy = '';
  /** Hears every batch as written (stamped with round and step). */
  onTraced: ((events: TraceEvent[]) => void) | null = null;

  constructor(
    private readonly ctx: TraceContext,
    private readonly logHint: string,
    private readonly budget = DEFAULT_OUTPUT_BUDGET,
  ) {}

  add(events: readonly NewTraceEvent[]): void {
    for (const e of events) {
      if (e.type === 'agent.output') {
        if (this.outputBytes >= this.budget) {
          this.untraced++;
          continue;
        }
        this.outputBytes += String((e as { text?: unknown }).text ?? '').length;
        if (this.outputBytes >= this.budget) {
          this.queue.push(e, { type: 'agent.output', text: `[wtagents] output past ${formatBytes(this.budget)} is not traced: see ${this.logHint}` });
          continue;
        }
      }
      this.queue.push(e);
    }
    if (this.queue.length > 0 && this.scheduled === null) this.scheduled = setImmediate(() => void this.flush());
  }

  /** Append everything queued now; resolves when every append so far is written (or reported failed). */
  flush(): Promise<void> {
    if (this.scheduled !== null) clearImmediate(this.scheduled);
    this.scheduled = null;
    const events = this.queue;
    this.queue = [];
    if (events.length > 0) {
      const append = () => {
        const note: NewTraceEvent[] = this.lost > 0 ? [{ type: 'agent.error', message: `[wtagents] ${plural(this.lost, 'trace event')} lost: could not write the trace (${this.lostWhy}); the agent's output is in logs/ where it could be written` }] : [];
        return appendTrace(this.ctx, [...note, ...events]).then(
          (written) => {
            this.lost = 0;
            this.onTraced?.(written.slice(note.length));
          },
          (error: unknown) => {
            this.lost += events.length;
            this.lostWhy = errorLine(error);
            faultPoint('trace.append-failed');
            process.stderr.write(`wtagents supervisor: tracing failed: ${error instanceof Error ? error.message : String(error)}\n`);
          },
        );
      };
      // One after the other: the note about lost events goes with the first append that works.
      this.pending = this.pending.then(append);
    }
    return this.pending;
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MiB` : `${n} bytes`;
}
