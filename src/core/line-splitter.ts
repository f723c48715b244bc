// Splitting a byte stream into text lines: split on \n bytes, partial last line held, CR dropped,
// invalid UTF-8 tolerated (replacement characters), overlong lines cut and the rest of them skipped.
// Used by the supervisor (agent output) and the trace tailer (a cut trace line then counts as malformed).

export const LINE_CUT_MARK = ' … [line cut]';

export class LineSplitter {
  private parts: Uint8Array[] = [];
  private pending = 0;
  /** Inside an overlong line whose head was already emitted: drop bytes until the next \n. */
  private skipping = false;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly maxLineBytes = 1024 * 1024) {}

  /** Bytes held for a line that has not ended yet. */
  get pendingBytes(): number {
    return this.pending;
  }

  /** Forget any partial line (a tailed file was truncated or replaced). */
  reset(): void {
    this.clear();
    this.skipping = false;
  }

  /** Feed a chunk; returns the lines it completed (without their newlines). */
  push(chunk: Uint8Array): string[] {
    const out: string[] = [];
    let start = 0;
    while (start <= chunk.length) {
      const nl = chunk.indexOf(0x0a, start);
      const piece = chunk.subarray(start, nl === -1 ? chunk.length : nl);
      if (nl !== -1 && this.pending === 0 && !this.skipping && piece.length <= this.maxLineBytes) {
        out.push(this.decode(piece)); // the common case: a whole line inside one chunk
        start = nl + 1;
        continue;
      }
      this.add(piece, out);
      if (nl === -1) break;
      if (this.skipping) this.skipping = false;
      else out.push(this.take());
      start = nl + 1;
    }
    return out;
  }

  /** The stream ended: the held partial line, if any. */
  end(): string[] {
    if (this.skipping || this.pending === 0) {
      this.reset();
      return [];
    }
    return [this.take()];
  }

  private add(piece: Uint8Array, out: string[]): void {
    if (piece.length === 0 || this.skipping) return;
    if (this.pending + piece.length <= this.maxLineBytes) {
      this.parts.push(Uint8Array.prototype.slice.call(piece)); // a copy: it outlives the chunk
      this.pending += piece.length;
      return;
    }
    this.parts.push(Uint8Array.prototype.slice.call(piece, 0, this.maxLineBytes - this.pending));
    out.push(this.take() + LINE_CUT_MARK);
    this.skipping = true;
  }

  private take(): string {
    const bytes = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    this.clear();
    return this.decode(bytes);
  }

  private decode(bytes: Uint8Array): string {
    const text = this.decoder.decode(bytes);
    return text.endsWith('\r') ? text.slice(0, -1) : text;
  }

  private clear(): void {
    this.parts = [];
    this.pending = 0;
  }
}
