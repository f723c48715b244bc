// A raw output log with a size cap: bytes are appended as they come; at the cap the file rotates to
// `<file>.1` (replacing the older one), so a stream keeps at most 2 × cap bytes on disk.
import { closeSync, openSync, renameSync, statSync, writeSync } from 'node:fs';

export const DEFAULT_LOG_CAP = 10 * 1024 * 1024;

export class CappedLog {
  private fd: number;
  private size: number;
  /** Bytes written over the log's life (rotated ones included). */
  total = 0;
  rotations = 0;

  constructor(
    readonly file: string,
    private readonly cap = DEFAULT_LOG_CAP,
  ) {
    this.fd = openSync(file, 'a');
    this.size = statSync(file).size;
  }

  write(chunk: Uint8Array): void {
    let rest = chunk;
    while (rest.length > 0) {
      if (this.size >= this.cap) this.rotate();
      const room = this.cap - this.size;
      const part = rest.length <= room ? rest : rest.subarray(0, room);
      let done = 0;
      while (done < part.length) done += writeSync(this.fd, part, done, part.length - done);
      this.size += part.length;
      this.total += part.length;
      rest = rest.subarray(part.length);
    }
  }

  close(): void {
    closeSync(this.fd);
  }

  private rotate(): void {
    closeSync(this.fd);
    renameSync(this.file, `${this.file}.1`);
    this.fd = openSync(this.file, 'a');
    this.size = 0;
    this.rotations++;
  }
}
