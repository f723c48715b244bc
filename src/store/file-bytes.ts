// Reading a file by byte offset, the one way (traces, run records, an agent's session log): open it, stat it
// (inode and size: a replaced or truncated file is noticed by its reader), read byte ranges chunk by chunk
// through one shared buffer, close it.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const CHUNK = 64 * 1024;
/** One buffer for every chunked read: reads are synchronous, and a fresh buffer per read fragments the heap. */
const shared = Buffer.allocUnsafe(CHUNK);

/** A file while it is open: what it is now, and its bytes. */
export interface FileBytes {
  ino: number;
  size: number;
  /** Bytes [from, to) in chunks of at most 64 KiB (each valid only during the call); `visit` returning false stops. Returns where reading stopped. */
  chunks(from: number, to: number, visit: (bytes: Buffer, at: number) => boolean | void): number;
  /** `length` bytes at `at` (fewer at the end of the file), in a buffer of their own. */
  read(at: number, length: number): Buffer;
}

/** Open `file`, hand it to `use`, close it; null when it is not there (yet, or between a rotation's rename and create). */
export function withFileBytes<T>(file: string, use: (f: FileBytes) => T): T | null {
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
