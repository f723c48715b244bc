// Random access to a whole trace.jsonl for paging: an index of line starts (grown as the file grows),
// and only the lines asked for are read and parsed. Truncation or replacement rebuilds the index.
import { parseTraceLine, type ParsedLine } from '../core/trace-parse.js';
import { MAX_TRACE_LINE } from '../core/trace-schema.js';
import { withFileBytes } from './file-bytes.js';

export class TracePager {
  readonly file: string;
  /** Byte offset of the start of each complete line. */
  #starts: number[] = [];
  /** Where indexing stopped: the start of the first line not yet complete. */
  #indexed = 0;
  #ino: number | null = null;

  constructor(file: string) {
    this.file = file;
  }

  /** Index what was appended; returns the number of complete lines. */
  refresh(): number {
    const indexed = withFileBytes(this.file, (f) => {
      if (f.ino !== this.#ino || f.size < this.#indexed) {
        this.#ino = f.ino;
        this.#starts = [];
        this.#indexed = 0;
      }
      let lineStart = this.#indexed;
      f.chunks(this.#indexed, f.size, (bytes, at) => {
        for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) {
          this.#starts.push(lineStart);
          lineStart = at + i + 1;
        }
      });
      this.#indexed = lineStart;
      return true;
    });
    if (indexed === null) {
      this.#starts = [];
      this.#indexed = 0;
    }
    return this.#starts.length;
  }

  get lineCount(): number {
    return this.#starts.length;
  }

  /** Lines [from, to) parsed (complete lines only). */
  read(from: number, to: number): ParsedLine[] {
    const a = Math.max(0, from);
    const b = Math.min(this.#starts.length, to);
    if (a >= b) return [];
    const end = b < this.#starts.length ? this.#starts[b]! : this.#indexed;
    return (
      withFileBytes(this.file, (f) => {
        const out: ParsedLine[] = [];
        for (let i = a; i < b; i++) {
          const s = this.#starts[i]!;
          const e = (i + 1 < b ? this.#starts[i + 1]! : end) - 1; // without the newline
          if (e - s > MAX_TRACE_LINE) out.push({ kind: 'malformed', reason: 'line over 1 MiB' });
          else out.push(parseTraceLine(f.read(s, e - s).toString('utf8')));
        }
        return out;
      }) ?? []
    );
  }
}
