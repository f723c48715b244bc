// A bounded ring of display rows for one task's trace: memory stays flat however long the trace grows.
import { formatTraceEvent, type TraceRow } from '../../src/core/trace-format.js';
import type { TraceEvent } from '../../src/core/trace-schema.js';

export class TraceBuffer {
  readonly capacity: number;
  #ring: (TraceRow | undefined)[];
  #next = 0;
  #size = 0;

  constructor(capacity = 500) {
    this.capacity = capacity;
    this.#ring = new Array<TraceRow | undefined>(capacity);
  }

  get size(): number {
    return this.#size;
  }

  push(events: readonly TraceEvent[]): void {
    // Only the last `capacity` events can survive: skip formatting the others.
    const from = Math.max(0, events.length - this.capacity);
    for (let i = from; i < events.length; i++) {
      this.#ring[this.#next] = formatTraceEvent(events[i]!);
      this.#next = (this.#next + 1) % this.capacity;
      if (this.#size < this.capacity) this.#size++;
    }
  }

  clear(): void {
    this.#ring.fill(undefined);
    this.#next = 0;
    this.#size = 0;
  }

  /** The newest `n` rows, oldest first. */
  last(n: number): TraceRow[] {
    const k = Math.max(0, Math.min(n, this.#size));
    const out: TraceRow[] = [];
    for (let i = k; i > 0; i--) out.push(this.#ring[(this.#next - i + this.capacity) % this.capacity]!);
    return out;
  }
}
