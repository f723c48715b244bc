// Reading a trace file from a byte offset: the complete lines written since, and where to read next.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** The most read at once; callers loop until nothing is new. */
const MAX_READ = 16 * 1024 * 1024;

export interface TraceChunk {
  lines: string[];
  /** Byte offset just after the last complete line returned. */
  offset: number;
}

/** Complete lines from `offset` to the end of `file` (a partial last line is left for the next read). */
export function readLinesFrom(file: string, offset: number): TraceChunk {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return { lines: [], offset };
  }
  try {
    const size = fstatSync(fd).size;
    if (size < offset) offset = 0; // the file was replaced: start over
    if (size === offset) return { lines: [], offset };
    const buf = Buffer.alloc(Math.min(size - offset, MAX_READ));
    const n = readSync(fd, buf, 0, buf.length, offset);
    const last = buf.lastIndexOf(0x0a, n - 1);
    // No newline in MAX_READ bytes is no trace line (the writer caps lines at 1 MiB): skip it.
    if (last === -1) return { lines: [], offset: n === MAX_READ ? offset + n : offset };
    const text = buf.subarray(0, last).toString('utf8');
    return { lines: text === '' ? [''] : text.split('\n'), offset: offset + last + 1 };
  } finally {
    closeSync(fd);
  }
}
