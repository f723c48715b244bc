// Random access to a whole trace.jsonl for paging: an index of line starts (grown as the file grows),
// and only the lines asked for are read and parsed. Truncation or replacement rebuilds the index.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parseTraceLine, type ParsedLine } from '../core/trace-parse.js';
import { MAX_TRACE_LINE } from '../core/trace-schema.js';

const CHUNK = 1024 * 1024;
let indexBuffer: Buffer | null = null;

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
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch {
      this.#starts = [];
      this.#indexed = 0;
      return 0;
    }
    try {
      const st = fstatSync(fd);
      if (st.ino !== this.#ino || st.size < this.#indexed) {
        this.#ino = st.ino;
        this.#starts = [];
        this.#indexed = 0;
      }
      const buf = (indexBuffer ??= Buffer.allocUnsafe(CHUNK));
      let pos = this.#indexed;
      let lineStart = this.#indexed;
      while (pos < st.size) {
        const n = readSync(fd, buf, 0, Math.min(CHUNK, st.size - pos), pos);
        if (n <= 0) break;
        let i = buf.indexOf(0x0a, 0);
        while (i !== -1 && i < n) {
          this.#starts.push(lineStart);
          lineStart = pos + i + 1;
          i = buf.indexOf(0x0a, i + 1);
        }
        pos += n;
      }
      this.#indexed = lineStart;
      return this.#starts.length;
    } finally {
      closeSync(fd);
    }
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
    const fd = openSync(this.file, 'r');
    try {
      const out: ParsedLine[] = [];
      for (let i = a; i < b; i++) {
        const s = this.#starts[i]!;
        const e = (i + 1 < b ? this.#starts[i + 1]! : end) - 1; // without the newline
        const len = e - s;
        if (len > MAX_TRACE_LINE) {
          out.push({ kind: 'malformed', reason: 'line over 1 MiB' });
          continue;
        }
        const buf = Buffer.allocUnsafe(len);
        readSync(fd, buf, 0, len, s);
        out.push(parseTraceLine(buf.toString('utf8')));
      }
      return out;
    } finally {
      closeSync(fd);
    }
  }
}
