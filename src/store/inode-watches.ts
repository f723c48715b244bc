// Watches on files themselves (fs.watch on the file's inode, not its directory), kept by name: the task watcher
// and the trace tailer each hold one set. A `rename` (the name now points at another inode, or nowhere) or an
// error drops the file's watch before the caller hears of it, so the caller can arm a new one under the name.
import { watch, type FSWatcher } from 'node:fs';

export class InodeWatches {
  #watchers = new Map<string, FSWatcher>();

  /** Watch `file`; `onEvent` on each change (after a `rename` the watch is already dropped), `onError` after an
   *  error dropped it. True when it is watched (now or before), false when the file is not there. */
  watch(file: string, onEvent: (type: string) => void, onError?: () => void): boolean {
    if (this.#watchers.has(file)) return true;
    let w: FSWatcher;
    try {
      w = watch(file, { persistent: false }, (type) => {
        if (type === 'rename') this.unwatch(file);
        onEvent(type);
      });
    } catch {
      return false;
    }
    w.on('error', () => {
      this.unwatch(file);
      onError?.();
    });
    this.#watchers.set(file, w);
    return true;
  }

  has(file: string): boolean {
    return this.#watchers.has(file);
  }

  unwatch(file: string): void {
    const w = this.#watchers.get(file);
    if (!w) return;
    this.#watchers.delete(file);
    w.close();
  }

  /** The files watched now. */
  files(): string[] {
    return [...this.#watchers.keys()];
  }

  closeAll(): void {
    for (const file of this.files()) this.unwatch(file);
  }
}
