// The one way a trace file is read by byte offset: open it, stat it (inode and size: a replaced or truncated
// file is noticed by its reader), read byte ranges chunk by chunk through one shared buffer, close it. The
// live tailer, the pager, `logs --follow` and the whole-trace readers (evidence, workflow, resume) use it.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { addTraceLine, type TraceParseResult } from '../core/trace-parse.js';

const CHUNK = 64 * 1024;
/** One buffer for every chunked read: reads are synchronous, and a fresh buffer per read fragments the heap. */
const shared = Buffer.allocUnsafe(CHUNK);

/** A trace file while it is open: what it is now, and its bytes. */
export interface TraceBytes {
  ino: number;
  size: number;
  /** Bytes [from, to) in chunks of at most 64 KiB (each valid only during the call); `visit` returning false stops. Returns where reading stopped. */
  chunks(from: number, to: number, visit: (bytes: Buffer, at: number) => boolean | void): number;
  /** `length` bytes at `at` (fewer at the end of the file), in a buffer of their own. */
  read(at: number, length: number): Buffer;
}

/** Open `file`, hand it to `use`, close it; null when it is not there (yet, or between a rotation's rename and create). */
export function withTraceBytes<T>(file: string, use: (f: TraceBytes) => T): T | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const st = fstatSync(fd);
    return use({
      ino: st.ino,
      size: st.size,
      chunks(from, to, visit) {
        let at = from;
        while (at < to) {
          const n = readSync(fd, shared, 0, Math.min(CHUNK, to - at), at);
          if (n <= 0) break;
          const go = visit(shared.subarray(0, n), at);
          at += n;
          if (go === false) break;
        }
        return at;
      },
      read(at, length) {
        const buf = Buffer.allocUnsafe(Math.max(0, length));
        const n = length > 0 ? readSync(fd, buf, 0, length, at) : 0;
        return buf.subarray(0, n);
      },
    });
  } finally {
    closeSync(fd);
  }
}

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
    withTraceBytes(file, (f) => {
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

/** The whole trace parsed: its events, and the malformed and unknown lines counted (a partial last line is still being written). */
export function readTrace(file: string): TraceParseResult {
  const out: TraceParseResult = { events: [], malformed: 0, unknown: 0 };
  eachTraceLine(file, (line) => addTraceLine(out, line));
  return out;
}
