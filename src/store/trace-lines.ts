// Reading a trace's complete lines by byte offset (through file-bytes.ts), without parsing them: the light half
// of trace-read.ts, loaded by `logs --follow` and the command line without the trace schema (and zod).
import { withFileBytes } from './file-bytes.js';

/** The most read at once; callers loop until nothing is new. */
const MAX_READ = 16 * 1024 * 1024;

export interface TraceChunk {
  lines: string[];
  /** Byte offset just after the last complete line returned. */
  offset: number;
}

/** Complete lines from `offset` to the end of `file` (a partial last line is left for the next read). */
export function readLinesFrom(file: string, offset: number): TraceChunk {
  return (
    withFileBytes(file, (f) => {
      const from = f.size < offset ? 0 : offset; // the file was replaced: start over
      if (f.size === from) return { lines: [], offset: from };
      const buf = f.read(from, Math.min(f.size - from, MAX_READ));
      const last = buf.lastIndexOf(0x0a);
      // No newline in MAX_READ bytes is no trace line (the writer caps lines at 1 MiB): skip it.
      if (last === -1) return { lines: [], offset: buf.length === MAX_READ ? from + buf.length : from };
      const text = buf.subarray(0, last).toString('utf8');
      return { lines: text === '' ? [''] : text.split('\n'), offset: from + last + 1 };
    }) ?? { lines: [], offset }
  );
}

/** Every complete line of `file` in order, read in bounded chunks (never the whole file in one string). */
export function eachTraceLine(file: string, visit: (line: string) => void): void {
  let offset = 0;
  for (;;) {
    const chunk = readLinesFrom(file, offset);
    if (chunk.offset <= offset) return;
    offset = chunk.offset;
    for (const line of chunk.lines) visit(line);
  }
}
