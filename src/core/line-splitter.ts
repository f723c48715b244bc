// Splits a byte stream into complete lines: a partial last line stays as bytes (never half a UTF-8 character).
import { MAX_TRACE_LINE } from './trace-schema.js';

export interface SplitResult {
  /** Complete lines, decoded, without their newline. */
  lines: string[];
  /** Lines longer than the limit: dropped whole (their bytes skipped up to the next newline). */
  oversized: number;
}

export class LineSplitter {
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  /** Inside an oversized line: drop bytes until the next newline. */
  #skipping = false;
  readonly #max: number;

  constructor(maxLine = MAX_TRACE_LINE) {
    this.#max = maxLine;
  }

  /** Bytes held for a line that has not ended yet. */
  get pendingBytes(): number {
    return this.#pendingBytes;
  }

  /** Feed the next bytes; returns the lines they complete. */
  push(chunk: Buffer): SplitResult {
    const out: SplitResult = { lines: [], oversized: 0 };
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl === -1) break;
      const piece = chunk.subarray(start, nl);
      if (this.#skipping) {
        this.#skipping = false;
      } else if (this.#pendingBytes + piece.length > this.#max) {
        out.oversized++;
      } else {
        const bytes = this.#pendingBytes === 0 ? piece : Buffer.concat([...this.#pending, piece]);
        out.lines.push(stripCr(bytes.toString('utf8')));
      }
      this.#pending = [];
      this.#pendingBytes = 0;
      start = nl + 1;
    }
    const rest = chunk.subarray(start);
    if (rest.length > 0 && !this.#skipping) {
      if (this.#pendingBytes + rest.length > this.#max) {
        out.oversized++;
        this.#skipping = true;
        this.#pending = [];
        this.#pendingBytes = 0;
      } else {
        // Copy: the caller may reuse its read buffer.
        this.#pending.push(Buffer.from(rest));
        this.#pendingBytes += rest.length;
      }
    }
    return out;
  }

  /** Forget any partial line (the file was truncated or replaced). */
  reset(): void {
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#skipping = false;
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
